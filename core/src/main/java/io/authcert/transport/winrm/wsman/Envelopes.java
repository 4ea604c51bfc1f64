package io.authcert.transport.winrm.wsman;

import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/** Writes the WS-Management requests of a Windows Remote Shell (MS-WSMV 3.1.4), as WinRS and pywinrm send them. */
final class Envelopes {

    static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String MS_WSMAN = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    static final String RESOURCE_CMD = SHELL + "/cmd";
    static final String STATE_DONE = SHELL + "/CommandState/Done";
    static final String SIGNAL_TERMINATE = SHELL + "/signal/terminate";

    private final String to;
    private final int maxEnvelopeSize;

    Envelopes(String to, int maxEnvelopeSize) {
        this.to = to;
        this.maxEnvelopeSize = maxEnvelopeSize;
    }

    /** Create with UTF-8 as the shell's code page (65001, as Ansible asks for), so stdin and output are UTF-8. */
    String createShell(String messageId, Duration timeout) {
        return envelope(TRANSFER + "/Create", messageId, timeout, null,
                "<w:OptionSet><w:Option Name=\"WINRS_NOPROFILE\">TRUE</w:Option>"
                        + "<w:Option Name=\"WINRS_CODEPAGE\">65001</w:Option></w:OptionSet>",
                "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams>"
                        + "<rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>");
    }

    String command(String messageId, Duration timeout, String shellId, String commandLine) {
        return envelope(SHELL + "/Command", messageId, timeout, shellId,
                "<w:OptionSet><w:Option Name=\"WINRS_CONSOLEMODE_STDIN\">TRUE</w:Option>"
                        + "<w:Option Name=\"WINRS_SKIP_CMD_SHELL\">FALSE</w:Option></w:OptionSet>",
                "<rsp:CommandLine><rsp:Command>" + escape(commandLine) + "</rsp:Command></rsp:CommandLine>");
    }

    String send(String messageId, Duration timeout, String shellId, String commandId, byte[] data, boolean end) {
        return envelope(SHELL + "/Send", messageId, timeout, shellId, "",
                "<rsp:Send><rsp:Stream Name=\"stdin\" CommandId=\"" + escape(commandId) + "\""
                        + (end ? " End=\"true\"" : "") + ">" + Base64.getEncoder().encodeToString(data)
                        + "</rsp:Stream></rsp:Send>");
    }

    String receive(String messageId, Duration timeout, String shellId, String commandId) {
        return envelope(SHELL + "/Receive", messageId, timeout, shellId,
                "<w:OptionSet><w:Option Name=\"WSMAN_CMDSHELL_OPTION_KEEPALIVE\">TRUE</w:Option></w:OptionSet>",
                "<rsp:Receive><rsp:DesiredStream CommandId=\"" + escape(commandId) + "\">stdout stderr"
                        + "</rsp:DesiredStream></rsp:Receive>");
    }

    String terminate(String messageId, Duration timeout, String shellId, String commandId) {
        return envelope(SHELL + "/Signal", messageId, timeout, shellId, "",
                "<rsp:Signal CommandId=\"" + escape(commandId) + "\"><rsp:Code>" + SIGNAL_TERMINATE
                        + "</rsp:Code></rsp:Signal>");
    }

    String deleteShell(String messageId, Duration timeout, String shellId) {
        return envelope(TRANSFER + "/Delete", messageId, timeout, shellId, "", "");
    }

    static String newMessageId() {
        return "uuid:" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    private String envelope(String action, String messageId, Duration timeout, String shellId, String options,
                            String body) {
        StringBuilder sb = new StringBuilder(1024 + body.length());
        sb.append("<s:Envelope xmlns:s=\"").append(SOAP).append("\" xmlns:a=\"").append(ADDRESSING)
                .append("\" xmlns:w=\"").append(WSMAN).append("\" xmlns:p=\"").append(MS_WSMAN)
                .append("\" xmlns:rsp=\"").append(SHELL).append("\"><s:Header>")
                .append("<a:To>").append(escape(to)).append("</a:To>")
                .append("<w:ResourceURI s:mustUnderstand=\"true\">").append(RESOURCE_CMD).append("</w:ResourceURI>")
                .append("<a:ReplyTo><a:Address s:mustUnderstand=\"true\">").append(ADDRESSING)
                .append("/role/anonymous</a:Address></a:ReplyTo>")
                .append("<a:Action s:mustUnderstand=\"true\">").append(action).append("</a:Action>")
                .append("<w:MaxEnvelopeSize s:mustUnderstand=\"true\">").append(maxEnvelopeSize)
                .append("</w:MaxEnvelopeSize>")
                .append("<a:MessageID>").append(messageId).append("</a:MessageID>")
                .append("<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>")
                .append("<p:DataLocale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>")
                .append("<w:OperationTimeout>").append(isoSeconds(timeout)).append("</w:OperationTimeout>");
        if (shellId != null) {
            sb.append("<w:SelectorSet><w:Selector Name=\"ShellId\">").append(escape(shellId))
                    .append("</w:Selector></w:SelectorSet>");
        }
        sb.append(options).append("</s:Header><s:Body>").append(body).append("</s:Body></s:Envelope>");
        return sb.toString();
    }

    /** An xs:duration with milliseconds, at least one second. */
    static String isoSeconds(Duration d) {
        long millis = Math.max(1000, d.toMillis());
        return String.format(Locale.ROOT, "PT%d.%03dS", millis / 1000, millis % 1000);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
