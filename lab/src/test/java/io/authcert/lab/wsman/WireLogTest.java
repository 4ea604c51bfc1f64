package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the wire log writes, it reads back message by message, even when a body looks like a message. */
class WireLogTest {

    @Test
    void binaryBodiesAndHeadersComeBackAsWritten(@TempDir Path dir) throws Exception {
        WireLog log = new WireLog(dir.resolve("wire.log"));
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 50123);
        Headers request = new Headers();
        request.add("Content-Type", "multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\"");
        request.add("Authorization", "Negotiate TlRMTVNTUAAB");
        byte[] tricky = "\u0000\u00ff\n\n< 200 to /127.0.0.1:1, 3 bytes\n\n".getBytes(StandardCharsets.ISO_8859_1);
        log.request(peer, "POST", "/wsman", request, tricky);
        Headers response = new Headers();
        response.add("WWW-Authenticate", "Negotiate");
        response.add("WWW-Authenticate", "Kerberos");
        log.response(peer, 401, response, new byte[0]);

        List<WireLog.Message> messages = WireLog.read(dir.resolve("wire.log"));

        assertThat(messages).hasSize(2);
        WireLog.Message first = messages.get(0);
        assertThat(first.request()).isTrue();
        assertThat(first.peer()).isEqualTo("/127.0.0.1:50123");
        assertThat(first.firstLine()).isEqualTo("POST /wsman");
        assertThat(first.header("content-type")).startsWith("multipart/encrypted");
        assertThat(first.header("AUTHORIZATION")).isEqualTo("Negotiate TlRMTVNTUAAB");
        assertThat(first.body()).isEqualTo(tricky);
        WireLog.Message second = messages.get(1);
        assertThat(second.request()).isFalse();
        assertThat(second.firstLine()).isEqualTo("401");
        assertThat(second.headers("www-authenticate")).containsExactly("Negotiate", "Kerberos");
        assertThat(second.body()).isEmpty();
    }
}
