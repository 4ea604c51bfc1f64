package io.authcert.powershell;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Turns what powershell.exe writes on a redirected stderr ({@code #< CLIXML} followed by serialized
 * error, warning and progress records) into the plain text an administrator would have seen in a
 * console. Anything that is not CLIXML is returned as it is.
 */
public final class ClixmlErrors {

    private static final String MARKER = "#< CLIXML";

    private ClixmlErrors() {
    }

    /** The error records' text (warnings prefixed {@code WARNING: }), progress records dropped. */
    public static String decode(String stderr) {
        if (stderr == null || stderr.isEmpty()) {
            return "";
        }
        if (!stderr.contains(MARKER)) {
            return stderr.strip();
        }
        StringBuilder text = new StringBuilder();
        for (String block : stderr.split(Pattern.quote(MARKER))) {
            String xml = block.strip();
            if (xml.isEmpty()) {
                continue;
            }
            List<String> lines = records(xml);
            if (lines == null) {
                text.append(xml);
            } else {
                lines.forEach(text::append);
            }
        }
        return text.toString().strip();
    }

    /** True when stderr carries at least one error record (or plain non-CLIXML text). */
    public static boolean hasErrors(String stderr) {
        return !decode(stderr).isEmpty();
    }

    /** The S="Error" and S="Warning" strings of one {@code <Objs>} document; null when it is not XML. */
    private static List<String> records(String xml) {
        try {
            var doc = Clixml.builder().parse(new InputSource(new StringReader(xml)));
            List<String> out = new ArrayList<>();
            NodeList strings = doc.getElementsByTagNameNS("*", "S");
            for (int i = 0; i < strings.getLength(); i++) {
                Element s = (Element) strings.item(i);
                String stream = s.getAttribute("S");
                String value = unescape(s.getTextContent());
                if ("Error".equalsIgnoreCase(stream)) {
                    out.add(value);
                } else if ("Warning".equalsIgnoreCase(stream)) {
                    out.add("WARNING: " + value);
                }
            }
            return out;
        } catch (Exception e) {
            return null;
        }
    }

    /** CLIXML's {@code _xHHHH_} escapes undone, with Windows line ends as {@code \n}. */
    static String unescape(String s) {
        return Clixml.unescape(s).replace("\r\n", "\n");
    }
}
