package io.authcert.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON bodies: authcert's own (docs/unattended.md, "Webhook body"), a Slack incoming webhook's and a
 * Microsoft Teams incoming webhook's (an Adaptive Card in a message, as Teams' Workflows webhooks take it).
 */
public enum WebhookFormat {
    GENERIC, SLACK, TEAMS;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body for {@code n}, compact, fields in a fixed order. */
    public String body(Notification n) {
        ObjectNode root = switch (this) {
            case GENERIC -> generic(n);
            case SLACK -> slack(n);
            case TEAMS -> teams(n);
        };
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode generic(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", Notification.FORMAT_VERSION);
        root.put("source", "authcert");
        root.put("event", n.event());
        root.put("title", n.title());
        root.put("status", n.status());
        root.put("exit_code", n.exitCode());
        strings(root.putArray("inventories"), n.inventories());
        root.put("playbook", n.playbook());
        root.put("finished_at", n.finishedAt().toString());
        strings(root.putArray("changed"), n.changed());
        strings(root.putArray("failed_hosts"), n.failedHosts());
        strings(root.putArray("held_back"), n.heldBack());
        strings(root.putArray("needs_human"), n.needsHuman());
        strings(root.putArray("problems"), n.problems());
        return root;
    }

    /** Slack: the text as mrkdwn, with Slack's three control characters escaped so nothing becomes a link or mention. */
    private static ObjectNode slack(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", "*" + slackEscape(n.title()) + "*\n" + slackEscape(n.text()));
        return root;
    }

    static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static ObjectNode teams(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", n.title()).put("weight", "Bolder").put("size", "Medium")
                .put("wrap", true).put("color", "failed".equals(n.event()) ? "Attention" : "needs_human".equals(n.event())
                        ? "Warning" : "Good");
        body.addObject().put("type", "TextBlock").put("text", n.text()).put("wrap", true).put("fontType", "Monospace");
        return root;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
