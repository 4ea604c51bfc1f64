package io.authcert.transport.winrm.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads one HTTP/1.1 response (Content-Length, chunked, or to the end of the connection) off a kept-alive stream. */
final class HttpResponseReader {

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final long MAX_BODY = 64L * 1024 * 1024;

    /** A response and whether the connection may carry another request. */
    record Result(HttpResponse response, boolean keepAlive) {
    }

    private HttpResponseReader() {
    }

    static Result read(InputStream in, boolean headRequest) throws IOException {
        String statusLine = readLine(in, true);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new MalformedResponseException("the answer is not an HTTP/1.x response");
        }
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new MalformedResponseException("the answer has no HTTP status");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int n = 0; ; n++) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || n > MAX_HEADERS) {
                throw new MalformedResponseException("the answer has a malformed HTTP header");
            }
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        if (status / 100 == 1) {
            return read(in, headRequest);
        }
        HttpResponse head = new HttpResponse(status, headers, new byte[0]);
        String connection = head.header("connection").orElse("").toLowerCase(Locale.ROOT);
        boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
        if (headRequest || status == 204 || status == 304) {
            return new Result(head, keepAlive);
        }
        byte[] body;
        if (head.header("transfer-encoding").orElse("").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked(in);
        } else if (head.header("content-length").isPresent()) {
            body = fixed(in, contentLength(head.header("content-length").get()));
        } else {
            body = untilClose(in);
            keepAlive = false;
        }
        return new Result(new HttpResponse(status, headers, body), keepAlive);
    }

    private static long contentLength(String value) throws MalformedResponseException {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0 || n > MAX_BODY) {
                throw new MalformedResponseException("the answer's Content-Length is out of range");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedResponseException("the answer's Content-Length is not a number");
        }
    }

    private static byte[] fixed(InputStream in, long length) throws IOException {
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException("the connection closed in the middle of the answer (end of stream)");
        }
        return body;
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, false);
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new MalformedResponseException("the answer has a malformed chunk size");
            }
            if (size < 0 || out.size() + size > MAX_BODY) {
                throw new MalformedResponseException("the answer's chunk size is out of range");
            }
            if (size == 0) {
                while (!readLine(in, false).isEmpty()) {
                    // trailers are ignored
                }
                return out.toByteArray();
            }
            out.write(fixed(in, size));
            if (!readLine(in, false).isEmpty()) {
                throw new MalformedResponseException("the answer's chunk is longer than its size");
            }
        }
    }

    private static byte[] untilClose(InputStream in) throws IOException {
        byte[] body = in.readNBytes((int) MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new MalformedResponseException("the answer is too long");
        }
        return body;
    }

    /** A CRLF- (or LF-) terminated ISO-8859-1 line; {@code first} turns an immediate end of stream into {@link NoResponseException}. */
    private static String readLine(InputStream in, boolean first) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (first && sb.length() == 0) {
                    throw new NoResponseException();
                }
                throw new EOFException("the connection closed in the middle of the answer (end of stream)");
            }
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new MalformedResponseException("the answer has an over-long line");
            }
            sb.append((char) b);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
