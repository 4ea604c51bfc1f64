package io.authcert.facts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** The {@code derived} section of a host in the facts document (docs/facts.md). */
final class AssessmentJson {

    private AssessmentJson() {
    }

    static ObjectNode write(HostAssessment a) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("organization", a.organization());
        o.set("current", slot(a.current()));
        o.set("next", slot(a.next()));
        o.put("next_effective_date", HostFactsJson.iso(a.nextEffectiveDate()));
        o.set("previous", slot(a.previous()));
        if (a.clockSkew() == null) {
            o.putNull("clock_skew_seconds");
        } else {
            o.put("clock_skew_seconds", a.clockSkew().getSeconds());
        }
        o.put("clock_skew_too_large", a.clockSkewTooLarge());
        ObjectNode owa = o.putObject("owa_health");
        owa.put("url", a.owaHealth().url());
        owa.put("status", a.owaHealth().status().name().toLowerCase(Locale.ROOT));
        owa.put("detail", a.owaHealth().detail());
        ObjectNode signIn = o.putObject("owa_sign_in");
        signIn.put("url", a.owaSignIn().url());
        signIn.put("status", a.owaSignIn().status() == OwaHealth.Status.NOT_CONFIGURED ? "not_checked"
                : a.owaSignIn().status().name().toLowerCase(Locale.ROOT));
        signIn.put("detail", a.owaSignIn().detail());
        a.warnings().forEach(o.putArray("warnings")::add);
        return o;
    }

    private static ObjectNode slot(AuthCertificateState s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("thumbprint", s.thumbprint());
        o.put("on_server", s.presence().name().toLowerCase(Locale.ROOT));
        o.put("not_after", HostFactsJson.iso(s.notAfter()));
        if (s.daysLeft() == null) {
            o.putNull("days_left");
        } else {
            o.put("days_left", s.daysLeft());
        }
        return o;
    }
}
