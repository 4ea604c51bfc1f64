package io.authcert.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan's public JSON form ({@code format_version} 1): keys sorted, two-space indent, {@code \n}
 * line ends, so the same plan always gives the same bytes and a saved plan can be diffed in a pull
 * request. {@link #read} turns a saved plan back into the same {@link Plan} for {@code engine apply PLAN.json}.
 */
public final class PlanJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private PlanJson() {
    }

    public static String write(Plan plan) {
        Map<String, Object> root = new TreeMap<>();
        root.put("format_version", plan.formatVersion());
        root.put("playbook", plan.playbook());
        root.put("planned_at", plan.plannedAt() == null ? null : plan.plannedAt().toString());
        root.put("facts_fingerprint", plan.factsFingerprint());
        root.put("hosts", plan.hosts());
        Map<String, Object> policy = new TreeMap<>();
        policy.put("any_errors_fatal", plan.failurePolicy().anyErrorsFatal());
        policy.put("max_fail_percentage", plan.failurePolicy().maxFailPercentage());
        root.put("failure_policy", policy);
        PlanSummary summary = PlanSummary.of(plan);
        root.put("summary", new TreeMap<>(Map.of("create", summary.create(), "change", summary.change(),
                "restart", summary.restart(), "remove", summary.remove(), "wait", summary.waits())));
        root.put("changes_pending", !plan.isEmpty());
        List<Object> phases = new ArrayList<>();
        PhaseImpact impact = new PhaseImpact(plan);
        for (Phase phase : plan.phases()) {
            Map<String, Object> p = new TreeMap<>();
            // derived from the plan for display, as the reasons are; read back, it is made again
            p.put("impact", impact.lines(phase));
            p.put("number", phase.number());
            p.put("name", phase.name());
            p.put("serial", phase.serial());
            List<Object> steps = new ArrayList<>();
            for (Step s : phase.steps()) {
                Map<String, Object> m = new TreeMap<>();
                m.put("id", s.id());
                m.put("host", s.host());
                m.put("org_wide", s.orgWide());
                m.put("resource", s.resource());
                m.put("action", s.action().jsonName());
                m.put("reason", s.reason());
                m.put("script", s.script().shown());
                m.put("retryable", s.retryable());
                m.put("timeout_seconds", s.timeout().toSeconds());
                m.put("details", new TreeMap<>(s.details()));
                s.nudgeIfAny().ifPresent(n -> m.put("nudge", nudge(n)));
                steps.add(m);
            }
            p.put("steps", steps);
            phases.add(p);
        }
        root.put("phases", phases);
        root.put("warnings", plan.warnings());
        root.put("followups", plan.followups());
        root.put("skipped_hosts", plan.skippedHosts());
        root.put("outside_servers", plan.outsideServers().stream().map(PlanJson::outside).toList());
        root.put("held", plan.held().stream().map(PlanJson::held).toList());
        root.put("needs_human", plan.needsHuman());
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a saved plan; a broken or foreign file is an {@link InputException} naming the file. */
    public static Plan read(String json, String file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw InputException.of(new SourceLocation(file, line, column), "not a plan file: the JSON is broken (" + io.authcert.diag.JsonProblems.describe(e) + ")",
                    "save a plan with: engine plan -i INVENTORY PLAYBOOK --out PLAN.json");
        }
        if (root == null || !root.isObject() || !root.has("format_version")) {
            throw InputException.of(SourceLocation.ofFile(file), "not a plan file: no format_version",
                    "save a plan with: engine plan -i INVENTORY PLAYBOOK --out PLAN.json");
        }
        int version = root.get("format_version").asInt();
        if (version != Plan.FORMAT_VERSION) {
            throw InputException.of(SourceLocation.ofFile(file), "plan format_version " + version + " is not supported (this engine reads "
                    + Plan.FORMAT_VERSION + ")", "make the plan again with this engine's 'engine plan'");
        }
        String damage = damage(root);
        if (damage != null) {
            throw InputException.of(SourceLocation.ofFile(file), "plan file is damaged: " + damage,
                    "a saved plan is not edited by hand: make it again with 'engine plan ... --out " + file + "'");
        }
        try {
            List<Phase> phases = new ArrayList<>();
            for (JsonNode p : root.path("phases")) {
                List<Step> steps = new ArrayList<>();
                for (JsonNode s : p.path("steps")) {
                    Map<String, String> details = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("details").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        details.put(e.getKey(), e.getValue().asText());
                    }
                    steps.add(new Step(text(s, "id"), text(s, "host"), s.path("org_wide").asBoolean(), text(s, "resource"),
                            Action.fromJsonName(text(s, "action")), text(s, "reason"), StepScript.loaded(text(s, "script")),
                            s.path("retryable").asBoolean(), Duration.ofSeconds(s.path("timeout_seconds").asLong()), details,
                            nudge(s.get("nudge"))));
                }
                phases.add(new Phase(p.path("number").asInt(), text(p, "name"), strings(p.path("serial")), steps));
            }
            JsonNode policy = root.path("failure_policy");
            Plan.FailurePolicy failurePolicy = new Plan.FailurePolicy(policy.path("any_errors_fatal").asBoolean(),
                    policy.path("max_fail_percentage").isNumber() ? policy.path("max_fail_percentage").asInt() : null);
            String plannedAt = text(root, "planned_at");
            return new Plan(version, text(root, "playbook"), plannedAt == null ? null : Instant.parse(plannedAt),
                    text(root, "facts_fingerprint"), strings(root.path("hosts")), failurePolicy, phases,
                    strings(root.path("warnings")), strings(root.path("followups")), strings(root.path("skipped_hosts")),
                    outsideServers(root.path("outside_servers")), held(root.path("held")));
        } catch (RuntimeException e) {
            throw InputException.of(SourceLocation.ofFile(file), "plan file is damaged: " + e.getMessage(),
                    "make the plan again with 'engine plan ... --out " + file + "'");
        }
    }

    /** What is wrong with the fields the reader relies on, in words naming the field; null when nothing. */
    private static String damage(JsonNode root) {
        JsonNode plannedAt = root.get("planned_at");
        if (plannedAt != null && !plannedAt.isNull()) {
            try {
                Instant.parse(plannedAt.asText());
            } catch (java.time.format.DateTimeParseException e) {
                return "planned_at '" + plannedAt.asText() + "' is not an ISO-8601 instant such as 2026-12-01T06:00:00Z";
            }
        }
        JsonNode phases = root.get("phases");
        if (phases == null || !phases.isArray()) {
            return "'phases' must be a list of phases, found " + (phases == null ? "nothing" : phases.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        JsonNode hosts = root.get("hosts");
        if (hosts == null || !hosts.isArray()) {
            return "'hosts' must be a list of host names";
        }
        for (JsonNode p : phases) {
            String phase = "phase " + p.path("number").asText("?");
            if (!p.path("steps").isArray()) {
                return phase + ": 'steps' must be a list of steps";
            }
            for (JsonNode st : p.path("steps")) {
                String step = phase + ", step " + st.path("id").asText("?");
                String action = st.path("action").asText(null);
                if (action == null) {
                    return step + ": no 'action'";
                }
                try {
                    Action.fromJsonName(action);
                } catch (IllegalArgumentException e) {
                    return step + ": unknown action '" + action + "'";
                }
                JsonNode timeout = st.get("timeout_seconds");
                if (timeout != null && !timeout.isNull() && !timeout.canConvertToLong()) {
                    return step + ": timeout_seconds must be a whole number of seconds, found '" + timeout.asText() + "'";
                }
                if (timeout != null && timeout.isTextual()) {
                    return step + ": timeout_seconds must be a whole number of seconds, found '" + timeout.asText() + "'";
                }
            }
        }
        return null;
    }

    private static Map<String, Object> outside(OutsideServer s) {
        Map<String, Object> m = new TreeMap<>();
        m.put("organisation", s.organisation());
        m.put("name", s.name());
        m.put("fqdn", s.fqdn());
        m.put("site", s.site());
        m.put("roles", s.roles());
        m.put("version", s.version());
        m.put("ignored", s.ignored());
        return m;
    }

    private static Map<String, Object> held(Hold h) {
        Map<String, Object> m = new TreeMap<>();
        m.put("organisation", h.organisation());
        m.put("host", h.host());
        m.put("actions", h.actions().stream().map(Action::jsonName).toList());
        m.put("reason", h.reason());
        return m;
    }

    /** Absent in plans made before servers outside the plan were listed: none. */
    private static List<OutsideServer> outsideServers(JsonNode array) {
        List<OutsideServer> out = new ArrayList<>();
        for (JsonNode s : array) {
            out.add(new OutsideServer(text(s, "organisation"), text(s, "name"), text(s, "fqdn"), text(s, "site"),
                    strings(s.path("roles")), text(s, "version"), s.path("ignored").asBoolean()));
        }
        return out;
    }

    private static List<Hold> held(JsonNode array) {
        List<Hold> out = new ArrayList<>();
        for (JsonNode h : array) {
            out.add(new Hold(text(h, "organisation"), text(h, "host"),
                    strings(h.path("actions")).stream().map(Action::fromJsonName).toList(), text(h, "reason")));
        }
        return out;
    }

    /** A wait's nudge: {@code {"hosts": [...], "interval_seconds": N, "service": "..."}}. */
    private static Map<String, Object> nudge(Nudge nudge) {
        Map<String, Object> n = new TreeMap<>();
        n.put("service", nudge.service());
        n.put("hosts", nudge.hosts());
        n.put("interval_seconds", nudge.interval().toSeconds());
        return n;
    }

    /** Absent or null: the step nudges nothing. */
    private static Nudge nudge(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return new Nudge(text(n, "service"), strings(n.path("hosts")), Duration.ofSeconds(n.path("interval_seconds").asLong()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
