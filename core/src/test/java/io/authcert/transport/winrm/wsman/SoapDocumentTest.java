package io.authcert.transport.winrm.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.transport.winrm.http.MalformedResponseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Faults are read from the body by Windows' code; broken or hostile XML is refused. */
class SoapDocumentTest {

    private static final String TIMED_OUT = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
            + "<s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>w:TimedOut</s:Value></s:Subcode>"
            + "</s:Code><s:Detail><f:WSManFault xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\""
            + " Code=\"2150858793\"/></s:Detail></s:Fault></s:Body></s:Envelope>";

    @Test
    void theTimedOutFaultIsKnownByItsCode() throws Exception {
        WsmanFaultException f = SoapDocument.parse(TIMED_OUT.getBytes(StandardCharsets.UTF_8)).fault(500).orElseThrow();
        assertThat(f.timedOut()).isTrue();
        assertThat(f.status()).isEqualTo(500);
        assertThat(f.invalidSelectors()).isFalse();
    }

    @Test
    void doctypesAndNonSoapAreRefused() {
        assertThatThrownBy(() -> SoapDocument.parse(("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                + " \"file:///etc/passwd\">]><x>&e;</x>").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> SoapDocument.parse("<html/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("SOAP");
    }
}
