package io.authcert.lab.wsman;

import java.util.UUID;

/**
 * The response envelopes a Windows WinRM service sends, with the prefixes and namespaces it uses, so
 * clients that look at more than the namespaces (pywinrm searches tags by suffix) see familiar shapes.
 */
final class SoapResponses {

    private static final String ENVELOPE_OPEN = "<s:Envelope xml:lang=\"en-US\""
            + " xmlns:s=\"" + Ns.SOAP + "\""
            + " xmlns:a=\"" + Ns.ADDRESSING + "\""
            + " xmlns:x=\"" + Ns.TRANSFER + "\""
            + " xmlns:w=\"" + Ns.WSMAN + "\""
            + " xmlns:rsp=\"" + Ns.SHELL + "\""
            + " xmlns:p=\"" + Ns.MS_WSMAN + "\">";

    /** The WS-Management fault code Windows sends when a Receive found no output within OperationTimeout. */
    static final String TIMED_OUT_CODE = "2150858793";
    static final String TIMED_OUT_TEXT =
            "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.  ";

    private SoapResponses() {
    }

    static String envelope(String action, String relatesTo, String body) {
        StringBuilder sb = new StringBuilder(256 + body.length());
        sb.append(ENVELOPE_OPEN).append("<s:Header>")
                .append("<a:Action>").append(escape(action)).append("</a:Action>")
                .append("<a:MessageID>uuid:").append(UUID.randomUUID().toString().toUpperCase()).append("</a:MessageID>")
                .append("<a:To>").append(Ns.ANONYMOUS).append("</a:To>");
        if (relatesTo != null) {
            sb.append("<a:RelatesTo>").append(escape(relatesTo)).append("</a:RelatesTo>");
        }
        sb.append("</s:Header><s:Body>").append(body).append("</s:Body></s:Envelope>");
        return sb.toString();
    }

    static String shellCreated(String relatesTo, String endpoint, String shellId) {
        String body = "<x:ResourceCreated><a:Address>" + escape(endpoint) + "</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + Ns.RESOURCE_CMD + "</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"ShellId\">" + shellId + "</w:Selector></w:SelectorSet>"
                + "</a:ReferenceParameters></x:ResourceCreated>"
                + "<rsp:Shell><rsp:ShellId>" + shellId + "</rsp:ShellId><rsp:ResourceUri>" + Ns.RESOURCE_CMD
                + "</rsp:ResourceUri><rsp:Owner>lab</rsp:Owner><rsp:InputStreams>stdin</rsp:InputStreams>"
                + "<rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>";
        return envelope(Ns.TRANSFER + "/CreateResponse", relatesTo, body);
    }

    static String commandStarted(String relatesTo, String commandId) {
        return envelope(Ns.SHELL + "/CommandResponse", relatesTo,
                "<rsp:CommandResponse><rsp:CommandId>" + commandId + "</rsp:CommandId></rsp:CommandResponse>");
    }

    static String sent(String relatesTo) {
        return envelope(Ns.SHELL + "/SendResponse", relatesTo, "<rsp:SendResponse/>");
    }

    static String signalled(String relatesTo) {
        return envelope(Ns.SHELL + "/SignalResponse", relatesTo, "<rsp:SignalResponse/>");
    }

    static String deleted(String relatesTo) {
        return envelope(Ns.TRANSFER + "/DeleteResponse", relatesTo, "");
    }

    /** A Receive response: the chunks given, then End markers and the exit code when {@code done}. */
    static String received(String relatesTo, String commandId, String stdoutBase64, String stderrBase64,
                           boolean done, int exitCode) {
        StringBuilder b = new StringBuilder("<rsp:ReceiveResponse>");
        if (!stdoutBase64.isEmpty()) {
            b.append(stream(commandId, "stdout", stdoutBase64, false));
        }
        if (!stderrBase64.isEmpty()) {
            b.append(stream(commandId, "stderr", stderrBase64, false));
        }
        if (done) {
            b.append(stream(commandId, "stdout", "", true)).append(stream(commandId, "stderr", "", true));
            b.append("<rsp:CommandState CommandId=\"").append(commandId).append("\" State=\"").append(Ns.STATE_DONE)
                    .append("\"><rsp:ExitCode>").append(exitCode).append("</rsp:ExitCode></rsp:CommandState>");
        } else {
            b.append("<rsp:CommandState CommandId=\"").append(commandId).append("\" State=\"")
                    .append(Ns.STATE_RUNNING).append("\"/>");
        }
        b.append("</rsp:ReceiveResponse>");
        return envelope(Ns.SHELL + "/ReceiveResponse", relatesTo, b.toString());
    }

    private static String stream(String commandId, String name, String base64, boolean end) {
        String attrs = " Name=\"" + name + "\" CommandId=\"" + commandId + "\"" + (end ? " End=\"true\"" : "");
        return base64.isEmpty() ? "<rsp:Stream" + attrs + "/>" : "<rsp:Stream" + attrs + ">" + base64 + "</rsp:Stream>";
    }

    /**
     * A SOAP fault as Windows writes it: {@code s:Receiver} or {@code s:Sender}, a WS-Management
     * subcode, the reason, and the {@code WSManFault} detail with Windows' numeric code.
     */
    static String fault(String relatesTo, String code, String subcode, String wsmanCode, String machine, String text) {
        String body = "<s:Fault><s:Code><s:Value>" + code + "</s:Value><s:Subcode><s:Value>" + subcode
                + "</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">" + escape(text)
                + "</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\"" + Ns.WSMAN_FAULT + "\" Code=\""
                + wsmanCode + "\" Machine=\"" + escape(machine) + "\"><f:Message>" + escape(text)
                + "</f:Message></f:WSManFault></s:Detail></s:Fault>";
        return envelope(Ns.ACTION_FAULT, relatesTo, body);
    }

    static String timedOut(String relatesTo, String machine) {
        return fault(relatesTo, "s:Receiver", "w:TimedOut", TIMED_OUT_CODE, machine, TIMED_OUT_TEXT);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
