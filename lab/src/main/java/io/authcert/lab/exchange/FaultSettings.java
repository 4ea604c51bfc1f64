package io.authcert.lab.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Switches faults on from their written form: {@code {SELECTOR: {FAULT: VALUE, ...}, ...}}, as a
 * scenario's {@code faults:} section, a lab's fault control file and a {@link FaultMoment} write them.
 * Selectors are a scenario's ({@code all}, {@code first}, {@code last}, {@code odd}, {@code even},
 * {@code not-first}, {@code not-last}, {@code exNN}), and for a moment also {@code this} (the server
 * whose command reached the moment) and {@code others} (every other server).
 */
public final class FaultSettings {

    static final List<String> KEYS = List.of("unreachable", "reject_credentials", "latency", "lose_responses",
            "replication_stalled", "certificate_copy_stalled", "raw_data_only_certificates", "fault_500_on",
            "lose_response_on", "fail_cmdlet", "kerberos_tickets_expired");

    private FaultSettings() {
    }

    /**
     * Applies {@code faults} to the organisation's servers.
     *
     * @param self the server {@code this} and {@code others} are relative to, or null
     * @throws IllegalArgumentException naming the unknown fault or the bad value
     */
    public static void apply(Organisation org, JsonNode faults, Instant now, String self) {
        for (Iterator<Map.Entry<String, JsonNode>> it = faults.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            for (ExchangeServer s : select(org, e.getKey(), self)) {
                applyTo(s.faults(), e.getValue(), now);
            }
        }
    }

    /** Throws what {@link #apply} would, without switching anything. */
    public static void check(JsonNode faults) {
        if (!faults.isMissingNode() && !faults.isObject()) {
            throw new IllegalArgumentException("faults: is a map of servers to their faults, found " + faults.getNodeType());
        }
        faults.fields().forEachRemaining(e -> applyTo(new HostFaults(), e.getValue(), Instant.EPOCH));
    }

    private static List<ExchangeServer> select(Organisation org, String selector, String self) {
        List<ExchangeServer> all = org.servers();
        List<ExchangeServer> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String name = all.get(i).name();
            boolean hit = switch (selector.toLowerCase(java.util.Locale.ROOT)) {
                case "this" -> name.equalsIgnoreCase(self);
                case "others" -> self != null && !name.equalsIgnoreCase(self);
                default -> Scenario.selected(List.of(selector), i, all.size(), name);
            };
            if (hit) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** Applies one server's fault settings ({@code {unreachable: true, latency: 500ms, ...}}). */
    static void applyTo(HostFaults f, JsonNode n, Instant now) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("faults of a server are a map such as {unreachable: true}, not " + n);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "unreachable" -> f.unreachable(v.asBoolean());
                case "reject_credentials" -> f.rejectCredentials(v.asBoolean());
                case "latency" -> f.latency(Scenario.duration(v.asText(), "latency"));
                case "lose_responses" -> f.loseResponses(v.asInt());
                case "replication_stalled" -> f.stallReplication(v.asBoolean() ? now : null);
                case "certificate_copy_stalled" -> f.stallCertificateCopy(v.asBoolean());
                case "raw_data_only_certificates" -> f.rawDataOnlyCertificates(v.asBoolean());
                case "fault_500_on" -> Scenario.list(v).forEach(f::fault500On);
                case "lose_response_on" -> Scenario.list(v).forEach(f::loseResponseOn);
                case "fail_cmdlet" -> v.fields().forEachRemaining(x -> f.failCmdlet(x.getKey(), x.getValue().asText()));
                case "kerberos_tickets_expired" -> f.expireKerberosTickets(kerberosExpiry(v));
                default -> throw new IllegalArgumentException("unknown fault '" + e.getKey() + "'; expected "
                        + String.join(", ", KEYS));
            }
        }
    }

    /**
     * {@code true}: tickets issued until the moment the fault is applied (wall-clock time, as the KDC's, not the
     * lab's clock); {@code false}: none; an ISO-8601 instant ({@code 2026-11-26T04:00:00Z}): those issued before it.
     */
    private static Instant kerberosExpiry(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean() ? Instant.now() : null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("kerberos_tickets_expired is true, false or an instant such as"
                    + " 2026-11-26T04:00:00Z, not '" + v.asText() + "'");
        }
    }
}
