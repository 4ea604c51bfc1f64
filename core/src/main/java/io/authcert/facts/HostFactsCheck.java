package io.authcert.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the planner relies on in a reachable host's facts, checked by every reader (gather.ps1's output,
 * facts documents, captured exports) so that damaged facts are refused instead of planned around: every
 * certificate has a 40-hex-digit thumbprint and both validity dates, every thumbprint the AuthConfig,
 * the back end binding or the transport service names is 40 hex digits or unset, every app pool has a
 * name. The lenient readers would otherwise turn a garbled thumbprint into a certificate nobody holds
 * (and plan a new one), or leave the planner a certificate it cannot date.
 */
public final class HostFactsCheck {

    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-F]{40}");

    private HostFactsCheck() {
    }

    /** Each problem in one line (field names as in docs/facts.md); empty when the facts can be planned. */
    public static List<String> problems(HostFacts h) {
        List<String> out = new ArrayList<>();
        if (!h.reachable()) {
            return out;
        }
        AuthConfigFacts a = h.authConfig();
        if (a != null) {
            thumbprint(out, "auth_config current_thumbprint", a.currentThumbprint());
            thumbprint(out, "auth_config next_thumbprint", a.nextThumbprint());
            thumbprint(out, "auth_config previous_thumbprint", a.previousThumbprint());
        }
        for (int i = 0; i < h.certificates().size(); i++) {
            CertificateFacts c = h.certificates().get(i);
            String which = "certificate " + (i + 1) + (c.thumbprint() == null ? "" : " (" + Thumbprints.shortForm(c.thumbprint()) + ")");
            if (c.thumbprint() == null) {
                out.add(which + " has no thumbprint");
            } else {
                thumbprint(out, which + " thumbprint", c.thumbprint());
            }
            if (c.notBefore() == null) {
                out.add(which + " has no not_before date");
            }
            if (c.notAfter() == null) {
                out.add(which + " has no not_after date");
            }
        }
        for (int i = 0; i < h.appPools().size(); i++) {
            String name = h.appPools().get(i).name();
            if (name == null || name.isBlank()) {
                out.add("app pool " + (i + 1) + " has no name");
            }
        }
        if (h.backendBinding() != null) {
            thumbprint(out, "backend_binding thumbprint", h.backendBinding().thumbprint());
        }
        thumbprint(out, "internal_transport_certificate", h.internalTransportCertificate());
        return out;
    }

    private static void thumbprint(List<String> out, String what, String value) {
        if (value != null && !THUMBPRINT.matcher(value).matches()) {
            out.add(what + " '" + (value.length() > 48 ? value.substring(0, 48) + "..." : value)
                    + "' is not 40 hexadecimal digits");
        }
    }
}
