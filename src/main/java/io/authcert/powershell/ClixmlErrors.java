package io.authcert.powershell;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
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
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

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
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            var doc = builder.parse(new InputSource(new StringReader(xml)));
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

    /** CLIXML escapes characters XML cannot carry as {@code _xHHHH_} (UTF-16 code units). */
    static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(sb);
        return sb.toString().replace("\r\n", "\n");
    }
}
