package io.authcert.transport.winrm.wsman;

import io.authcert.transport.winrm.http.MalformedResponseException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A parsed WS-Management answer, read by namespace and never with external entities (the server is not trusted with our parser). */
final class SoapDocument {

    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (Exception e) {
            throw new IllegalStateException("no XML parser", e);
        }
    });

    private final Element body;

    private SoapDocument(Element body) {
        this.body = body;
    }

    static SoapDocument parse(byte[] xml) throws MalformedResponseException {
        Document doc;
        try {
            doc = BUILDER.get().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new MalformedResponseException("the answer is not well-formed XML");
        }
        Element envelope = doc.getDocumentElement();
        if (!Envelopes.SOAP.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw new MalformedResponseException("the answer is not a SOAP 1.2 envelope");
        }
        List<Element> bodies = children(envelope, Envelopes.SOAP, "Body");
        if (bodies.isEmpty()) {
            throw new MalformedResponseException("the answer has no SOAP Body");
        }
        return new SoapDocument(bodies.get(0));
    }

    /** All elements named {@code ns}:{@code local} anywhere in the body, in document order. */
    List<Element> all(String ns, String local) {
        NodeList nodes = body.getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    Optional<Element> first(String ns, String local) {
        List<Element> all = all(ns, local);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    Optional<String> text(String ns, String local) {
        return first(ns, local).map(e -> e.getTextContent().strip());
    }

    /** The fault in the body, if this answer is one. */
    Optional<WsmanFaultException> fault(int status) {
        Optional<Element> fault = first(Envelopes.SOAP, "Fault");
        if (fault.isEmpty()) {
            return Optional.empty();
        }
        String code = first(Envelopes.WSMAN_FAULT, "WSManFault").map(e -> e.getAttribute("Code")).orElse("");
        String subcode = first(Envelopes.SOAP, "Subcode").flatMap(s -> children(s, Envelopes.SOAP, "Value").stream()
                .findFirst()).map(e -> e.getTextContent().strip()).orElse("");
        return Optional.of(new WsmanFaultException(status, code, subcode));
    }

    private static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}
