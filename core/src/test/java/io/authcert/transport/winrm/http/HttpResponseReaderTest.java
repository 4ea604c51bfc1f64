package io.authcert.transport.winrm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The response framings a WinRM listener (HTTP.sys) and proxies in front of it use, and broken ones. */
class HttpResponseReaderTest {

    private static InputStream wire(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void contentLengthBodiesLeaveTheNextResponseOnTheConnection() throws Exception {
        InputStream in = wire("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 401 Unauthorized\r\n"
                + "WWW-Authenticate: Negotiate\r\nWWW-Authenticate: Basic realm=\"WSMAN\"\r\nContent-Length: 0\r\n\r\n");
        HttpResponseReader.Result first = HttpResponseReader.read(in, false);
        assertThat(new String(first.response().body(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(first.keepAlive()).isTrue();
        HttpResponseReader.Result second = HttpResponseReader.read(in, false);
        assertThat(second.response().status()).isEqualTo(401);
        assertThat(second.response().all("WWW-Authenticate")).hasSize(2);
    }

    @Test
    void chunkedBodiesAreJoinedAndTrailersSkipped() throws Exception {
        HttpResponseReader.Result r = HttpResponseReader.read(wire("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n"), false);
        assertThat(new String(r.response().body(), StandardCharsets.UTF_8)).isEqualTo("Wikipedia");
        assertThat(r.keepAlive()).isTrue();
    }

    @Test
    void aBodyWithoutLengthRunsToTheCloseAndEndsTheConnection() throws Exception {
        HttpResponseReader.Result r = HttpResponseReader.read(wire("HTTP/1.0 500 X\r\n\r\n<fault/>"), false);
        assertThat(new String(r.response().body(), StandardCharsets.UTF_8)).isEqualTo("<fault/>");
        assertThat(r.keepAlive()).isFalse();
        assertThat(HttpResponseReader.read(wire("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
                false).keepAlive()).isFalse();
    }

    @Test
    void nothingAtAllIsNoResponseAndHalfAnAnswerIsAnEndOfStream() {
        assertThatThrownBy(() -> HttpResponseReader.read(wire(""), false)).isInstanceOf(NoResponseException.class);
        assertThatThrownBy(() -> HttpResponseReader.read(wire("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), false))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void garbageIsMalformedNotLost() {
        assertThatThrownBy(() -> HttpResponseReader.read(wire("\u0001\u00ffgarbage\r\n"), false))
                .isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> HttpResponseReader.read(wire("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
                false)).isInstanceOf(MalformedResponseException.class);
    }
}
