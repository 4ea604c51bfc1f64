package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SoapRequestTest {

    /** The same Receive with unusual prefixes: only the namespaces matter. */
    private static final String RECEIVE = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"
                xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing"
                xmlns:man="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
                xmlns:sh="http://schemas.microsoft.com/wbem/wsman/1/windows/shell">
              <soap:Header>
                <wsa:MessageID>uuid:11111111-1111-1111-1111-111111111111</wsa:MessageID>
                <man:OperationTimeout>PT20.500S</man:OperationTimeout>
                <man:MaxEnvelopeSize soap:mustUnderstand="true">512000</man:MaxEnvelopeSize>
                <man:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd</man:ResourceURI>
                <wsa:Action>http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive</wsa:Action>
                <man:SelectorSet><man:Selector Name="ShellId">ABC</man:Selector></man:SelectorSet>
                <a:Action xmlns:a="urn:not-addressing">decoy</a:Action>
              </soap:Header>
              <soap:Body><sh:Receive><sh:DesiredStream CommandId="C1">stdout stderr</sh:DesiredStream></sh:Receive></soap:Body>
            </soap:Envelope>
            """;

    @Test
    void readsHeadersByNamespace() {
        SoapRequest r = SoapRequest.parse(RECEIVE.strip().getBytes(StandardCharsets.UTF_8));
        assertThat(r.action()).isEqualTo(Ns.ACTION_RECEIVE);
        assertThat(r.messageId()).isEqualTo("uuid:11111111-1111-1111-1111-111111111111");
        assertThat(r.shellId()).isEqualTo("ABC");
        assertThat(r.operationTimeout()).isEqualTo(Duration.ofMillis(20_500));
        assertThat(r.maxEnvelopeSize()).isEqualTo(512_000);
        assertThat(r.payload()).get().extracting(e -> e.getLocalName()).isEqualTo("Receive");
    }

    @Test
    void refusesDoctypes() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">&e;</s:Envelope>";
        assertThatThrownBy(() -> SoapRequest.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SoapRequest.BadRequest.class);
    }

    @Test
    void aNonSoapDocumentIsABadRequest() {
        assertThatThrownBy(() -> SoapRequest.parse("<Envelope/>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("SOAP 1.2");
    }
}
