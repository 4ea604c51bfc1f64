package io.authcert.lab.pwsh;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The {@code [xml]} cast: parses text into the objects PowerShell's XML adapter shows, so
 * {@code $xml.Diagnostics.Components.X.lastRunTime} navigates as on Windows: an element's attributes
 * and child elements are its properties, an element holding only text is that text, and repeated
 * child elements are an array. DTDs are refused (no external entities).
 */
final class XmlAdapter {

    private XmlAdapter() {
    }

    static PsObject document(String text) {
        org.w3c.dom.Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            throw new PsType.ConversionException("Cannot convert value \"" + text + "\" to type \"System.Xml.XmlDocument\". Error: \""
                    + e.getMessage() + " Line " + e.getLineNumber() + ", position " + e.getColumnNumber() + ".\"");
        } catch (Exception e) {
            throw new PsType.ConversionException("Cannot convert value \"" + text + "\" to type \"System.Xml.XmlDocument\". Error: \""
                    + e.getMessage() + "\"");
        }
        Element root = doc.getDocumentElement();
        return new PsObject("System.Xml.XmlDocument").set(root.getTagName(), value(root)).withToString("#document");
    }

    /** An element as a property value: its text when it has only text, else an XmlElement object. */
    private static Object value(Element e) {
        List<Element> children = children(e);
        NamedNodeMap attributes = e.getAttributes();
        if (children.isEmpty() && attributes.getLength() == 0) {
            return e.getTextContent();
        }
        PsObject o = new PsObject("System.Xml.XmlElement").withToString(e.getTagName());
        for (int i = 0; i < attributes.getLength(); i++) {
            o.set(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
        }
        java.util.Map<String, List<Object>> byName = new java.util.LinkedHashMap<>();
        for (Element child : children) {
            byName.computeIfAbsent(child.getTagName(), k -> new ArrayList<>()).add(value(child));
        }
        byName.forEach((name, values) -> o.set(name, values.size() == 1 ? values.get(0) : values));
        return o;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                out.add(child);
            }
        }
        return out;
    }
}
