package io.authcert.lab.wsman;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One WS-Management request, read by namespace (clients choose their own prefixes: pywinrm writes
 * {@code env:}, Overthere {@code env:} with other declarations, WinRS {@code s:}).
 */
record SoapRequest(
        String action,
        String messageId,
        String resourceUri,
        String shellId,
        Duration operationTimeout,
        int maxEnvelopeSize,
        Element body) {

    static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_ENVELOPE = 153_600;

    /** One secure, namespace-aware parser per thread: building a factory per request costs more than the parse. */
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

    /** Parses a request body; throws {@link BadRequest} with a message a client can act on. */
    static SoapRequest parse(byte[] xml) {
        Document doc;
        try {
            doc = BUILDER.get().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new BadRequest("the request is not well-formed XML: " + e.getMessage());
        }
        Element envelope = doc.getDocumentElement();
        if (!Ns.SOAP.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw new BadRequest("the request is not a SOAP 1.2 envelope");
        }
        Element header = child(envelope, Ns.SOAP, "Header").orElseThrow(() -> new BadRequest("no SOAP Header"));
        Element body = child(envelope, Ns.SOAP, "Body").orElseThrow(() -> new BadRequest("no SOAP Body"));
        String action = text(header, Ns.ADDRESSING, "Action").orElseThrow(() -> new BadRequest("no a:Action header"));
        String messageId = text(header, Ns.ADDRESSING, "MessageID").orElse(null);
        String resource = text(header, Ns.WSMAN, "ResourceURI").orElse(null);
        String shellId = null;
        Optional<Element> selectors = child(header, Ns.WSMAN, "SelectorSet");
        if (selectors.isPresent()) {
            for (Element s : children(selectors.get(), Ns.WSMAN, "Selector")) {
                if ("ShellId".equals(s.getAttribute("Name"))) {
                    shellId = s.getTextContent().trim();
                }
            }
        }
        Duration timeout = text(header, Ns.WSMAN, "OperationTimeout").map(SoapRequest::duration)
                .orElse(DEFAULT_OPERATION_TIMEOUT);
        int maxEnvelope = text(header, Ns.WSMAN, "MaxEnvelopeSize").map(SoapRequest::integer)
                .orElse(DEFAULT_MAX_ENVELOPE);
        return new SoapRequest(action, messageId, resource, shellId, timeout, maxEnvelope, body);
    }

    /** The first child element of the body, if any. */
    Optional<Element> payload() {
        for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static Optional<Element> child(Element parent, String ns, String local) {
        List<Element> all = children(parent, ns, local);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static Optional<String> text(Element parent, String ns, String local) {
        return child(parent, ns, local).map(e -> e.getTextContent().trim());
    }

    private static Duration duration(String iso) {
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            throw new BadRequest("OperationTimeout is not an xs:duration: " + iso);
        }
    }

    private static int integer(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new BadRequest("MaxEnvelopeSize is not a number: " + s);
        }
    }

    /** The request cannot be understood; answered with a SOAP fault. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
