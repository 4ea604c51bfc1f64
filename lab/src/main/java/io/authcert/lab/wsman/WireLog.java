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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An opt-in debug log of every HTTP message of the WinRM endpoints exactly as it travels (headers and raw
 * body bytes), so a test can show what an eavesdropper would see. Each message opens with
 * {@code > METHOD PATH from PEER, N bytes} or {@code < STATUS to PEER, N bytes}, so {@link #read} can split
 * the binary bodies back out.
 */
public final class WireLog {

    /** One HTTP message as logged; {@code peer} is the client's address and port (one TCP connection). */
    public record Message(boolean request, String peer, String firstLine, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, by name in any case; null when absent. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The body as ISO-8859-1: every byte one character, so binary bodies can be searched too. */
        public String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private static final Pattern FIRST_LINE = Pattern.compile("([<>]) (.*) (?:from|to) (\\S+), (\\d+) bytes");

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
        StringBuilder head = new StringBuilder(first).append(", ").append(body.length).append(" bytes\n");
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

    /** Every message of a wire log, in the order written; header names in lower case. */
    public static List<Message> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<Message> out = new ArrayList<>();
        int at = 0;
        while (at < all.length) {
            int eol = indexOf(all, (byte) '\n', at);
            String first = new String(all, at, eol - at, StandardCharsets.ISO_8859_1);
            Matcher m = FIRST_LINE.matcher(first);
            if (!m.matches()) {
                throw new IOException(file + ": no message starts at byte " + at + ": " + first);
            }
            at = eol + 1;
            Map<String, List<String>> headers = new LinkedHashMap<>();
            while (all[at] != '\n') {
                eol = indexOf(all, (byte) '\n', at);
                String line = new String(all, at, eol - at, StandardCharsets.ISO_8859_1);
                int colon = line.indexOf(": ");
                headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 2));
                at = eol + 1;
            }
            at++;
            int length = Integer.parseInt(m.group(4));
            out.add(new Message(m.group(1).equals(">"), m.group(3), m.group(2), headers,
                    Arrays.copyOfRange(all, at, at + length)));
            at += length + 2;
        }
        return out;
    }

    private static int indexOf(byte[] bytes, byte b, int from) throws IOException {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IOException("the wire log ends inside a message");
    }
}
