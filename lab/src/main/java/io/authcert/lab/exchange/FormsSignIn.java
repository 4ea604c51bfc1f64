package io.authcert.lab.exchange;

import io.authcert.lab.SimulatedHost.HttpAnswer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What OWA's forms-based sign-in ({@code POST /owa/auth.owa}) answers, as sources show it (docs/exchange.md,
 * "Where the outage shows"): without a usable Auth certificate {@code FbaModule.SetCadataCookies} hits
 * the ExAssert of {@code HMACProvider.GetCertificates} and ASP.NET answers 500 with its error page;
 * otherwise a redirect that sets the {@code cadata*} cookies (inferred from that stack).
 */
final class FormsSignIn {

    /** The path the OWA logon form posts to. */
    static final String PATH = "/owa/auth.owa";

    static final String ASSERT = "ASSERT: HMACProvider.GetCertificates:protectionCertificates.Length<1";

    /** Event 1003's source, as KB 2617816 and the cloudshark.nl capture show it. */
    static final String PROXY_SOURCE = "MSExchange Front End HTTPS Proxy";
    static final int PROXY_ERROR_EVENT = 1003;

    private static final SecureRandom RANDOM = new SecureRandom();

    private FormsSignIn() {
    }

    static boolean handles(String path) {
        return PATH.equalsIgnoreCase(path);
    }

    /** The error page of TechCommunity thread 2546400: "Server Error in '/owa' Application." and the stack. */
    static HttpAnswer exAssertPage() {
        String body = "<html><head><title>" + ASSERT + "</title></head><body>"
                + "<h1>Server Error in '/owa' Application.</h1><h2><i>" + ASSERT + "</i></h2>"
                + "<b>Exception Details: </b>Microsoft.Exchange.Diagnostics.ExAssertException: " + ASSERT + "<br><pre>"
                + "[ExAssertException: " + ASSERT + "]\n"
                + "   Microsoft.Exchange.Clients.Common.HmacProvider.GetCertificates() +478\n"
                + "   Microsoft.Exchange.Clients.Common.HmacProvider.GetHmacProvider() +143\n"
                + "   Microsoft.Exchange.Clients.Common.HmacProvider.ComputeHmac(Byte[][] messageArrays) +16\n"
                + "   Microsoft.Exchange.HttpProxy.FbaModule.SetCadataCookies(HttpApplication httpApplication) +826\n"
                + "   Microsoft.Exchange.HttpProxy.FbaFormPostProxyRequestHandler.HandleFbaFormPost(BackEndServer backEndServer) +2776\n"
                + "</pre></body></html>";
        return new HttpAnswer(500, "text/html; charset=utf-8", body);
    }

    /** Event 1003's message for the same failure (cloudshark.nl). */
    static String proxyErrorMessage() {
        return "[Owa] An internal server error occurred. The unhandled exception was: "
                + "Microsoft.Exchange.Diagnostics.ExAssertException: " + ASSERT + "\n"
                + "   at Microsoft.Exchange.Clients.Common.HmacProvider.GetCertificates()\n"
                + "   at Microsoft.Exchange.HttpProxy.FbaModule.SetCadataCookies(HttpApplication httpApplication)";
    }

    /** Signed in: back to where the form said ({@code destination}), with fresh cadata cookies. */
    static HttpAnswer signedIn(Map<String, String> form) {
        String destination = form.getOrDefault("destination", "");
        String location = destination.toLowerCase(Locale.ROOT).contains("/owa") ? destination : "/owa/";
        List<String> cookies = List.of("cadata", "cadataTTL", "cadataKey", "cadataIV", "cadataSig").stream()
                .map(name -> name + "=" + token() + "; path=/; secure; HttpOnly")
                .toList();
        return new HttpAnswer(302, "text/html", "", Map.of("Location", List.of(location), "Set-Cookie", cookies));
    }

    /** Wrong user or password: back to the logon page with reason=2 (what OWA's logon page shows as a bad sign-in). */
    static HttpAnswer refused() {
        return new HttpAnswer(302, "text/html", "", Map.of("Location", List.of("/owa/auth/logon.aspx?replaceCurrent=1&reason=2")));
    }

    /** The OWA front end's app pool is stopped: IIS answers 503. */
    static HttpAnswer unavailable() {
        return new HttpAnswer(503, "text/html", "<html><body><h1>Service Unavailable</h1></body></html>");
    }

    private static String token() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
