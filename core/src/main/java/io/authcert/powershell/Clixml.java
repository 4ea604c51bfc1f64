package io.authcert.powershell;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads PowerShell CLIXML ({@code Export-Clixml} files) into plain Java values: strings, booleans,
 * numbers, {@link Instant}s, {@code byte[]}, lists, maps and {@link PsObject}s. Unknown elements are
 * kept as their text. DTDs and external entities are refused (these files come from elsewhere).
 */
public final class Clixml {

    /** A deserialized object: type names, its {@code ToString}, properties (adapted and extended). */
    public record PsObject(List<String> typeNames, String toStringValue, Map<String, Object> properties,
                           List<Object> items, Object value) {

        public PsObject {
            typeNames = List.copyOf(typeNames);
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }

        /** A property by name, case-insensitive as in PowerShell; null when absent. */
        public Object get(String name) {
            Object v = properties.get(name);
            if (v != null) {
                return v;
            }
            for (Map.Entry<String, Object> e : properties.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }

        public boolean has(String name) {
            return properties.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
        }
    }

    /**
     * How deeply elements may nest: far beyond what Exchange's cmdlets export (Export-Clixml's default
     * -Depth is 2, each level a few elements), so a damaged or hostile file is refused by the parser
     * instead of exhausting the stack of whatever walks the tree.
     */
    static final int MAX_DEPTH = 256;

    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private final Map<String, List<String>> typeNames = new HashMap<>();
    private final Map<String, Object> refs = new HashMap<>();

    private Clixml() {
    }

    /**
     * Every top-level object of an {@code <Objs>} document, in order.
     *
     * @throws IOException when the stream is not CLIXML (not XML, another root element, a DTD) or holds an
     *     unreadable value (a number, date or base64 that does not parse), or nests elements deeper than
     *     {@value #MAX_DEPTH} levels; the message says which, in one line, for the user
     */
    public static List<Object> read(InputStream in) throws IOException {
        Document doc;
        try {
            doc = builder().parse(in);
        } catch (SAXException e) {
            throw new IOException("not CLIXML (" + describe(e) + ")", e);
        }
        Element root = doc.getDocumentElement();
        if (!"Objs".equals(root.getLocalName() == null ? root.getTagName() : root.getLocalName())) {
            throw new IOException("not CLIXML: the root element is <" + root.getTagName() + ">, not <Objs>");
        }
        Clixml reader = new Clixml();
        List<Object> out = new ArrayList<>();
        for (Element e : children(root)) {
            out.add(reader.value(e));
        }
        return out;
    }

    /** The JDK's own limit on element depth (java.xml's JAXP limits). */
    private static final String MAX_DEPTH_PROPERTY = "jdk.xml.maxElementDepth";

    /** The parser's complaint with its line and column; the depth limit said in words rather than as its JAXP code. */
    private static String describe(SAXException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("JAXP00010006")) {
            message = "elements nested deeper than " + MAX_DEPTH + " levels";
        }
        if (e instanceof org.xml.sax.SAXParseException p && p.getLineNumber() > 0) {
            return "line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ": " + message;
        }
        return message;
    }

    /** A namespace-aware parser with DTDs and entity expansion off; errors only as exceptions. */
    static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            f.setAttribute(MAX_DEPTH_PROPERTY, String.valueOf(MAX_DEPTH));
            DocumentBuilder builder = f.newDocumentBuilder();
            // Report problems through the exception only, never on stderr.
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IOException("no secure XML parser available", e);
        }
    }

    private Object value(Element e) throws IOException {
        String tag = name(e);
        if (tag.equals("Obj")) {
            return object(e);
        }
        String text = e.getTextContent();
        try {
            return switch (tag) {
                case "Nil" -> null;
                case "S", "C", "G", "URI", "Version", "XD", "SBK", "TS", "SS" -> tag.equals("C")
                        ? String.valueOf((char) Integer.parseInt(text.trim())) : unescape(text);
                case "B" -> Boolean.parseBoolean(text.trim());
                case "I32", "I16", "By", "SB", "U16" -> Integer.parseInt(text.trim());
                case "I64", "U32" -> Long.parseLong(text.trim());
                case "U64" -> new java.math.BigInteger(text.trim());
                case "Db", "Sg" -> Double.parseDouble(text.trim());
                case "D" -> new java.math.BigDecimal(text.trim());
                case "DT" -> instant(text.trim());
                case "BA" -> Base64.getMimeDecoder().decode(text.trim());
                case "Ref" -> refs.get(e.getAttribute("RefId"));
                default -> unescape(text);
            };
        } catch (IllegalArgumentException | DateTimeParseException e2) {
            // NumberFormatException is an IllegalArgumentException; so is the Base64 decoder's refusal.
            throw new IOException("unreadable <" + tag + "> value '" + excerpt(text.trim()) + "'"
                    + (tag.equals("BA") ? " (not base64)" : ""), e2);
        }
    }

    /** A value as quoted in a message: long ones cut, so one bad value cannot fill the screen. */
    private static String excerpt(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "... (" + text.length() + " characters)";
    }

    private PsObject object(Element e) throws IOException {
        List<String> types = List.of();
        String toString = null;
        Map<String, Object> props = new LinkedHashMap<>();
        List<Object> items = new ArrayList<>();
        Object primitive = null;
        for (Element c : children(e)) {
            switch (name(c)) {
                case "TN" -> {
                    List<String> names = new ArrayList<>();
                    for (Element t : children(c)) {
                        names.add(unescape(t.getTextContent()));
                    }
                    types = names;
                    typeNames.put(c.getAttribute("RefId"), names);
                }
                case "TNRef" -> types = typeNames.getOrDefault(c.getAttribute("RefId"), List.of());
                case "ToString" -> toString = unescape(c.getTextContent());
                case "Props", "MS" -> {
                    for (Element p : children(c)) {
                        props.putIfAbsent(unescape(p.getAttribute("N")), value(p));
                    }
                }
                case "LST", "IE", "STK", "QUE" -> {
                    for (Element i : children(c)) {
                        items.add(value(i));
                    }
                }
                case "DCT" -> {
                    for (Element en : children(c)) {
                        Object key = null;
                        Object val = null;
                        for (Element kv : children(en)) {
                            if ("Key".equals(kv.getAttribute("N"))) {
                                key = value(kv);
                            } else if ("Value".equals(kv.getAttribute("N"))) {
                                val = value(kv);
                            }
                        }
                        if (key != null) {
                            props.put(key.toString(), val);
                        }
                    }
                }
                default -> primitive = value(c);
            }
        }
        PsObject obj = new PsObject(types, toString, props, items, primitive);
        if (e.hasAttribute("RefId")) {
            refs.put(e.getAttribute("RefId"), obj);
        }
        return obj;
    }

    /** CLIXML dates carry an offset, or none (DateTimeKind.Unspecified: taken as UTC). */
    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    /** Undoes CLIXML's {@code _xHHHH_} escapes (line breaks, control characters, underscores). */
    public static String unescape(String s) {
        if (s == null || s.indexOf('_') < 0) {
            return s;
        }
        Matcher m = ESCAPE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String name(Element e) {
        return e.getLocalName() == null ? e.getTagName() : e.getLocalName();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }
}
