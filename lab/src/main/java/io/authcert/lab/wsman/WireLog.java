package io.authcert.lab.wsman;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * An opt-in debug log of every HTTP message of the WinRM endpoints exactly as it travels (headers and raw
 * body bytes), so a test can show what an eavesdropper would see.
 */
public final class WireLog {

    private final Path file;

    public WireLog(Path file) {
        this.file = file;
    }

    void request(InetSocketAddress peer, String method, String path, Headers headers, byte[] body) {
        write("> " + method + " " + path + " from " + peer, headers, body);
    }

    void response(InetSocketAddress peer, int status, Headers headers, byte[] body) {
        write("< " + status + " to " + peer, headers, body);
    }

    private synchronized void write(String first, Headers headers, byte[] body) {
        StringBuilder head = new StringBuilder(first).append('\n');
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            for (String v : h.getValue()) {
                head.append(h.getKey()).append(": ").append(v).append('\n');
            }
        }
        head.append('\n');
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.write("\n\n".getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's wire log " + file, e);
        }
    }
}
