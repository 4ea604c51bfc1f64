package io.authcert.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.authcert.vault.Secret;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications over the wire: the exact webhook bodies (authcert's, Slack's, Teams') received by WireMock,
 * HTTP faults reported without the webhook's secret path, and mail received by a real SMTP server (GreenMail).
 */
class NotificationsTest {

    private static final Instant AT = Instant.parse("2026-11-26T09:14:03Z");
    private static final String SECRET_PATH = "/services/T000/B000/XXXXsecretXXXX";

    private WireMockServer http;
    private GreenMail smtp;

    @BeforeEach
    void start() {
        http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        http.start();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        http.stop();
        smtp.stop();
    }

    private static Notification heldBack() {
        return new Notification("held_back", 4, List.of("inventory/production"), "playbooks/auth-certificate.yml", AT,
                List.of("ex01: recycle_app_pool (p1.ex01.recycle_app_pool.MSExchangeOWAAppPool)"), List.of(),
                List.of("p2.ex01.clear_previous_certificate: clear_previous_certificate on ex01 (cleanup): not allowed: cleanup"
                        + " (--allow stage,distribute,publish)"),
                List.of("organisation contoso: re-run the Hybrid Configuration Wizard <HCW> & check Entra ID"), List.of());
    }

    private URI url(String path) {
        return URI.create(http.baseUrl() + path);
    }

    @Test
    void theGenericWebhookGetsTheDocumentedBody() throws Exception {
        http.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));

        List<String> failures = new Notifications(List.of(new WebhookNotifier(url("/hook"), WebhookFormat.GENERIC))).send(heldBack());

        assertThat(failures).isEmpty();
        http.verify(postRequestedFor(urlEqualTo("/hook")).withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(equalTo("{\"format_version\":1,\"source\":\"authcert\",\"event\":\"needs_human\","
                        + "\"title\":\"authcert: needs a person (held_back, exit 4) on inventory/production\","
                        + "\"status\":\"held_back\",\"exit_code\":4,\"inventories\":[\"inventory/production\"],"
                        + "\"playbook\":\"playbooks/auth-certificate.yml\",\"finished_at\":\"2026-11-26T09:14:03Z\","
                        + "\"changed\":[\"ex01: recycle_app_pool (p1.ex01.recycle_app_pool.MSExchangeOWAAppPool)\"],"
                        + "\"failed_hosts\":[],"
                        + "\"held_back\":[\"p2.ex01.clear_previous_certificate: clear_previous_certificate on ex01 (cleanup):"
                        + " not allowed: cleanup (--allow stage,distribute,publish)\"],"
                        + "\"needs_human\":[\"organisation contoso: re-run the Hybrid Configuration Wizard <HCW> & check Entra ID\"],"
                        + "\"problems\":[]}")));
    }

    @Test
    void slackGetsItsIncomingWebhookTextWithItsControlCharactersEscaped() throws Exception {
        http.stubFor(post(urlEqualTo(SECRET_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));

        new Notifications(List.of(new WebhookNotifier(url(SECRET_PATH), WebhookFormat.SLACK))).send(heldBack());

        String text = "*authcert: needs a person (held_back, exit 4) on inventory/production*\n"
                + "Exchange Auth certificate apply held_back (exit 4) at 2026-11-26T09:14:03Z\n"
                + "Inventory: inventory/production\nPlaybook: playbooks/auth-certificate.yml\n\n"
                + "Held back by the guard rails (a person decides):\n"
                + "- p2.ex01.clear_previous_certificate: clear_previous_certificate on ex01 (cleanup): not allowed: cleanup"
                + " (--allow stage,distribute,publish)\n\n"
                + "Needs a person:\n- organisation contoso: re-run the Hybrid Configuration Wizard &lt;HCW&gt; &amp; check Entra ID\n\n"
                + "Changed:\n- ex01: recycle_app_pool (p1.ex01.recycle_app_pool.MSExchangeOWAAppPool)\n";
        http.verify(postRequestedFor(urlEqualTo(SECRET_PATH)).withRequestBody(equalToJson(
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("text", text).toString())));
        assertThat(http.getAllServeEvents()).singleElement().satisfies(e -> assertThat(e.getRequest().getBodyAsString())
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("text", text).toString()));
    }

    @Test
    void teamsGetsAnAdaptiveCardMessage() throws Exception {
        http.stubFor(post(urlEqualTo("/workflows/teams")).willReturn(aResponse().withStatus(202)));

        new Notifications(List.of(new WebhookNotifier(url("/workflows/teams"), WebhookFormat.TEAMS))).send(heldBack());

        String body = http.getAllServeEvents().get(0).getRequest().getBodyAsString();
        String text = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(heldBack().text());
        assertThat(body).isEqualTo("{\"type\":\"message\",\"attachments\":[{\"contentType\":\"application/vnd.microsoft.card.adaptive\","
                + "\"contentUrl\":null,\"content\":{\"$schema\":\"http://adaptivecards.io/schemas/adaptive-card.json\","
                + "\"type\":\"AdaptiveCard\",\"version\":\"1.4\",\"body\":["
                + "{\"type\":\"TextBlock\",\"text\":\"authcert: needs a person (held_back, exit 4) on inventory/production\","
                + "\"weight\":\"Bolder\",\"size\":\"Medium\",\"wrap\":true,\"color\":\"Warning\"},"
                + "{\"type\":\"TextBlock\",\"text\":" + text + ",\"wrap\":true,\"fontType\":\"Monospace\"}]}}]}");
    }

    @Test
    void aFailingWebhookIsReportedWithoutItsSecretPathAndTheOthersStillGetIt() throws Exception {
        http.stubFor(post(urlEqualTo(SECRET_PATH)).willReturn(aResponse().withStatus(500).withBody("internal")));
        http.stubFor(post(urlEqualTo("/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        http.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));

        List<String> failures = new Notifications(List.of(new WebhookNotifier(url(SECRET_PATH), WebhookFormat.SLACK),
                new WebhookNotifier(url("/reset"), WebhookFormat.GENERIC), new WebhookNotifier(url("/hook"), WebhookFormat.GENERIC)))
                .send(heldBack());

        String host = "http://" + URI.create(http.baseUrl()).getHost() + ":" + http.port() + "/…";
        assertThat(failures).containsExactly("cannot notify slack webhook " + host + ": HTTP 500 from " + host + ": internal",
                "cannot notify generic webhook " + host + ": IOException talking to " + host);
        assertThat(String.join("\n", failures)).doesNotContain("secret", "/hook", "/reset");
        http.verify(1, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void nothingIsSentWhenNothingChangedFailedOrNeedsAPerson() throws Exception {
        Notification quiet = new Notification("nothing_to_do", 0, List.of("hosts.yml"), "pb.yml", AT, List.of(), List.of(),
                List.of(), List.of(), List.of());

        assertThat(quiet.worthTelling()).isFalse();
        assertThat(new Notifications(List.of(new WebhookNotifier(url("/hook"), WebhookFormat.GENERIC))).send(quiet)).isEmpty();
        assertThat(http.getAllServeEvents()).isEmpty();
    }

    @Test
    void withNotifyOnAlwaysAnApplyWithNothingToDoIsSentAsUnchanged() throws Exception {
        http.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        Notification quiet = new Notification("nothing_to_do", 0, List.of("hosts.yml"), "pb.yml", AT, List.of(), List.of(),
                List.of(), List.of(), List.of());

        List<String> failures = new Notifications(List.of(new WebhookNotifier(url("/hook"), WebhookFormat.GENERIC)),
                NotifyOn.parse(List.of("always"))).send(quiet);

        assertThat(failures).isEmpty();
        http.verify(postRequestedFor(urlEqualTo("/hook")).withRequestBody(equalTo("{\"format_version\":1,\"source\":\"authcert\","
                + "\"event\":\"unchanged\",\"title\":\"authcert: nothing to do (nothing_to_do, exit 0) on hosts.yml\","
                + "\"status\":\"nothing_to_do\",\"exit_code\":0,\"inventories\":[\"hosts.yml\"],\"playbook\":\"pb.yml\","
                + "\"finished_at\":\"2026-11-26T09:14:03Z\",\"changed\":[],\"failed_hosts\":[],\"held_back\":[],"
                + "\"needs_human\":[],\"problems\":[]}")));
    }

    @Test
    void withNotifyOnFailedAHeldBackApplyTellsNobodyAndAFailedOneIsMailed() throws Exception {
        http.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        MailNotifier mail = new MailNotifier(new MailNotifier.Smtp("127.0.0.1", smtp.getSmtp().getPort(), false, null, null),
                new InternetAddress("authcert@contoso.com"), List.of(new InternetAddress("oncall@contoso.com")));
        Notifications onFailure = new Notifications(List.of(new WebhookNotifier(url("/hook"), WebhookFormat.GENERIC), mail),
                NotifyOn.parse(List.of("failed")));
        Notification failed = new Notification("failed", 1, List.of("inventory/production"), "playbooks/auth-certificate.yml", AT,
                List.of(), List.of("ex02"), List.of(), List.of(), List.of("ex02: unreachable"));

        assertThat(onFailure.send(heldBack())).isEmpty();
        assertThat(http.getAllServeEvents()).isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();

        assertThat(onFailure.send(failed)).isEmpty();
        http.verify(1, postRequestedFor(urlEqualTo("/hook")));
        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getHeader("X-Authcert-Event")).containsExactly("failed"));
    }

    @Test
    void mailReachesARealSmtpServerWithItsHeadersAndBody() throws Exception {
        smtp.setUser("authcert@contoso.com", "smtp-user", "s3cret-smtp");
        int port = smtp.getSmtp().getPort();
        MailNotifier mail = new MailNotifier(new MailNotifier.Smtp("127.0.0.1", port, false, "smtp-user", Secret.of("s3cret-smtp")),
                new InternetAddress("authcert@contoso.com"), List.of(new InternetAddress("exchange-admins@contoso.com"),
                        new InternetAddress("oncall@contoso.com")));

        List<String> failures = new Notifications(List.of(mail)).send(heldBack());

        assertThat(failures).isEmpty();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2); // one delivery per recipient
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("authcert: needs a person (held_back, exit 4) on inventory/production");
        assertThat(m.getFrom()).extracting(Object::toString).containsExactly("authcert@contoso.com");
        assertThat(m.getAllRecipients()).extracting(Object::toString)
                .containsExactly("exchange-admins@contoso.com", "oncall@contoso.com");
        assertThat(m.getHeader("X-Authcert-Event")).containsExactly("needs_human");
        assertThat(m.getHeader("X-Authcert-Exit-Code")).containsExactly("4");
        assertThat(m.getSentDate().toInstant()).isEqualTo(AT);
        assertThat(m.getContentType()).startsWith("text/plain").contains("UTF-8");
        // SMTP carries lines ending in CRLF; the text is the notification's, line for line.
        assertThat(((String) m.getContent()).replace("\r\n", "\n").strip()).isEqualTo(heldBack().text().strip());
        assertThat(heldBack().text()).doesNotContain("s3cret-smtp");
    }

    @Test
    void aMailServerThatRefusesTheLoginIsReportedWithoutThePassword() throws Exception {
        smtp.setUser("authcert@contoso.com", "smtp-user", "the-right-one");
        MailNotifier mail = new MailNotifier(new MailNotifier.Smtp("127.0.0.1", smtp.getSmtp().getPort(), false, "smtp-user",
                Secret.of("wrong-password-value")), new InternetAddress("authcert@contoso.com"),
                List.of(new InternetAddress("exchange-admins@contoso.com")));

        List<String> failures = new Notifications(List.of(mail)).send(heldBack());

        assertThat(failures).singleElement().asString().startsWith("cannot notify mail to exchange-admins@contoso.com via 127.0.0.1:")
                .doesNotContain("wrong-password-value", "the-right-one");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}
