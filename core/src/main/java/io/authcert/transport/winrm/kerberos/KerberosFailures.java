package io.authcert.transport.winrm.kerberos;

import io.authcert.transport.winrm.kerberos.KerberosException.Reason;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the JDK's Kerberos exceptions into {@link KerberosException}s that say what to change. The JDK
 * reports KDC errors as text with the RFC 4120 code in parentheses ("Client not found in Kerberos
 * database (6)"); its exception classes are internal, so the code is read from the text.
 */
final class KerberosFailures {

    private static final Pattern CODE = Pattern.compile("\\((\\d{1,3})\\)");

    private KerberosFailures() {
    }

    /** A failed JAAS logon of {@code principal} with the credentials described by {@code from}. */
    static KerberosException logon(String principal, CredentialSource from, Exception e) {
        String realm = principal.substring(principal.indexOf('@') + 1);
        Optional<Integer> code = kdcCode(e);
        String chain = chain(e);
        if (unreachable(chain)) {
            return new KerberosException(Reason.KDC_UNREACHABLE, "no KDC of realm " + realm + " answered ("
                    + firstLine(e.getMessage()) + "); add the realm with its kdc to krb5.conf (" + Krb5Config.describe()
                    + ") or check that a domain controller is reachable on port 88", e);
        }
        if (code.isPresent()) {
            String kdc = " (KDC error " + code.get() + ")";
            switch (code.get()) {
                case 6:
                    return new KerberosException(Reason.LOGON_REFUSED, "the realm " + realm + " has no user "
                            + principal + kdc + "; check ansible_user: user@REALM, the realm being the domain's DNS name"
                            + " in capitals", e);
                case 18:
                    return new KerberosException(Reason.LOGON_REFUSED, "the account " + principal + " is disabled or"
                            + " locked out" + kdc, e);
                case 23:
                    return new KerberosException(Reason.LOGON_REFUSED, "the password of " + principal + " has expired"
                            + kdc + "; change it in the domain, then in the inventory", e);
                case 24:
                    return new KerberosException(Reason.LOGON_REFUSED, "the KDC refused " + from.secretName() + " of "
                            + principal + " (KDC error 24, pre-authentication failed); " + from.fixForRefusal(), e);
                case 37:
                    return skew(e);
                case 14:
                    return new KerberosException(Reason.CONFIGURATION, "the KDC and this machine share no encryption"
                            + " type for " + principal + kdc + "; allow AES (aes256-cts-hmac-sha1-96) in krb5.conf", e);
                default:
                    break;
            }
        }
        if (chain.contains("Checksum failed") || chain.contains("Integrity check")) {
            // Without pre-authentication the KDC answers anyway; a wrong key shows when its answer does not decrypt.
            return new KerberosException(Reason.LOGON_REFUSED, "the KDC's answer for " + principal + " does not"
                    + " decrypt with " + from.secretName() + "; " + from.fixForRefusal(), e);
        }
        return new KerberosException(Reason.CONFIGURATION, "Kerberos logon of " + principal + " with "
                + from.describe() + " failed: " + firstLine(e.getMessage()), e);
    }

    /** A failure while making the initiator's token or checking the server's answer, for {@code service}. */
    static KerberosException context(String service, Exception e) {
        Optional<Integer> code = kdcCode(e);
        String chain = chain(e);
        String spn = service.replace('@', '/');
        if (code.filter(c -> c == 7).isPresent()) {
            String host = service.substring(service.indexOf('@') + 1);
            return new KerberosException(Reason.UNKNOWN_SERVICE, "the KDC has no service principal " + spn
                    + " (KDC error 7); if the server's name differs from '" + host + "', set"
                    + " ansible_winrm_kerberos_hostname_override to the name in its SPN (setspn -L COMPUTER), or"
                    + " register " + spn + " for the server's computer account", e);
        }
        if (code.filter(c -> c == 37).isPresent()) {
            return skew(e);
        }
        if (code.filter(c -> c == 46).isPresent() || chain.contains("Defective token") || chain.contains("(46)")) {
            return mutual(service, firstLine(e.getMessage()), e);
        }
        if (unreachable(chain)) {
            return new KerberosException(Reason.KDC_UNREACHABLE, "no KDC answered the request for a ticket to " + spn
                    + " (" + firstLine(e.getMessage()) + ")", e);
        }
        return new KerberosException(Reason.CONFIGURATION, "Kerberos for " + spn + " failed: "
                + firstLine(e.getMessage()), e);
    }

    /** The server's answer did not prove it holds the service key: a stranger may be answering. */
    static KerberosException mutual(String service, String detail, Throwable cause) {
        return new KerberosException(Reason.MUTUAL_AUTHENTICATION_FAILED, "the server did not prove that it is "
                + service.replace('@', '/') + " (mutual authentication failed: " + detail + "); nothing more was"
                + " sent to it. If the server is who it should be, its answer was altered on the way", cause);
    }

    private static KerberosException skew(Exception e) {
        return new KerberosException(Reason.CONFIGURATION, "this machine's clock and the KDC's differ by more than"
                + " Kerberos allows (KDC error 37, usually 5 minutes); synchronise the clock (NTP) with the domain", e);
    }

    private static boolean unreachable(String chain) {
        return chain.contains("Cannot locate KDC") || chain.contains("Cannot get kdc") || chain.contains("Receive timed out")
                || chain.contains("Connection refused") || chain.contains("Network is unreachable")
                || chain.contains("UnknownHostException");
    }

    /** The first KDC error code in the chain (the outermost exception names the failure, inner ones its parsing). */
    private static Optional<Integer> kdcCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = CODE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Optional.of(Integer.parseInt(m.group(1)));
            }
        }
        return Optional.empty();
    }

    private static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return b.toString();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
