package io.authcert.rehearse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The rehearsal's report as JSON ({@code engine rehearse --format json}); keys sorted, times ISO-8601, durations in seconds. */
public final class RehearsalJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public String render(RehearsalReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("twin_only", true);
        root.put("converged", r.converged());
        root.put("run_status", r.runStatus().name().toLowerCase(java.util.Locale.ROOT));
        root.put("started", r.started().toString());
        root.put("ended", r.ended().toString());
        root.put("duration_seconds", r.duration().getSeconds());
        strings(root.putArray("problems"), r.problems());
        ArrayNode phases = root.putArray("phases");
        r.phases().forEach(p -> {
            ObjectNode n = phases.addObject();
            n.put("run", p.run());
            n.put("number", p.number());
            n.put("name", p.name());
            n.put("started", p.started().toString());
            n.put("duration_seconds", p.duration().getSeconds());
            strings(n.putArray("hosts"), p.hosts());
            n.put("largest_batch", p.largestBatch());
            n.put("rolling", p.rolling());
            n.put("most_down_at_once", p.mostDownAtOnce());
        });
        ArrayNode signIn = root.putArray("sign_in");
        r.signIn().forEach(s -> {
            ObjectNode n = signIn.addObject();
            n.put("from", s.at().toString());
            strings(n.putArray("cannot_sign_in"), s.down());
            n.put("during", s.during());
        });
        ArrayNode rolling = root.putArray("rolling");
        r.rolling().forEach(c -> rolling.addObject().put("run", c.run()).put("phase", c.number()).put("name", c.name())
                .put("largest_batch", c.largestBatch()).put("most_down_at_once", c.mostDownAtOnce()));
        ObjectNode commands = root.putObject("commands");
        r.commands().forEach((host, lines) -> strings(commands.putArray(host), lines));
        ObjectNode down = root.putObject("sign_in_down_after");
        r.signInDown().forEach(down::put);
        strings(root.putArray("left_to_do"), r.leftToDo());
        strings(root.putArray("assumptions"), r.assumptions());
        try {
            return JSON.writeValueAsString(JSON.treeToValue(root, Object.class)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
