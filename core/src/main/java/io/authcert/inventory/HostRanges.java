package io.authcert.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands Ansible host ranges ({@code ex[01:12].corp.example}, {@code db-[a:f]}, {@code web[1:9:2]}) and
 * splits a trailing {@code :port}, as Ansible's inventory plugins do.
 */
final class HostRanges {

    /** A host entry after expansion: the names and the port written after them, or null. */
    record Expanded(List<String> names, Integer port) {
    }

    private static final Pattern PORT = Pattern.compile("^(.*[^:]):([0-9]+)$");
    private static final Pattern BRACKETED_V6 = Pattern.compile("^\\[([0-9a-fA-F:.]+)\\](?::([0-9]+))?$");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private HostRanges() {
    }

    /**
     * Expands one host entry.
     *
     * @throws IllegalArgumentException with a message for the user when the range is malformed
     */
    static Expanded expand(String entry) {
        String pattern = entry.strip();
        Integer port = null;
        Matcher v6 = BRACKETED_V6.matcher(pattern);
        if (v6.matches()) {
            return new Expanded(List.of(v6.group(1)), v6.group(2) == null ? null : Integer.valueOf(v6.group(2)));
        }
        String outside = pattern.replaceAll("\\[[^\\]]*\\]", "");
        long colons = outside.chars().filter(c -> c == ':').count();
        if (colons == 1) {
            Matcher m = PORT.matcher(pattern);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + entry + "' is not a valid host name or host:port");
            }
            pattern = m.group(1);
            port = Integer.valueOf(m.group(2));
        }
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        List<String> names = new ArrayList<>();
        expandInto(pattern, names);
        return new Expanded(names, port);
    }

    private static void expandInto(String name, List<String> out) {
        int open = name.indexOf('[');
        if (open < 0) {
            out.add(name);
            return;
        }
        int close = name.indexOf(']', open);
        if (close < 0) {
            throw new IllegalArgumentException("host range in '" + name + "' has '[' but no ']'");
        }
        String head = name.substring(0, open);
        String tail = name.substring(close + 1);
        String[] bounds = name.substring(open + 1, close).split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw new IllegalArgumentException("host range must be [begin:end] or [begin:end:step], got '"
                    + name.substring(open, close + 1) + "'");
        }
        String begin = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) {
            throw new IllegalArgumentException("host range '" + name.substring(open, close + 1) + "' has no end value");
        }
        int step;
        try {
            step = bounds.length == 3 ? Integer.parseInt(bounds[2]) : 1;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("host range step must be a number, got '" + bounds[2] + "'");
        }
        if (step <= 0) {
            throw new IllegalArgumentException("host range step must be positive, got " + step);
        }
        int width = begin.length() > 1 && begin.charAt(0) == '0' ? begin.length() : 0;
        if (width > 0 && end.length() != width) {
            throw new IllegalArgumentException("host range '" + name.substring(open, close + 1)
                    + "' must have begin and end of equal length when zero-padded");
        }
        int ib = begin.length() == 1 ? LETTERS.indexOf(begin) : -1;
        int ie = end.length() == 1 ? LETTERS.indexOf(end) : -1;
        if (ib >= 0 && ie >= 0) {
            if (ib > ie) {
                throw new IllegalArgumentException("host range '" + name.substring(open, close + 1) + "' must have begin <= end");
            }
            for (int i = ib; i <= ie; i += step) {
                expandInto(head + LETTERS.charAt(i) + tail, out);
            }
            return;
        }
        long b;
        long e;
        try {
            b = Long.parseLong(begin);
            e = Long.parseLong(end);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("host range '" + name.substring(open, close + 1)
                    + "' must be numbers ([01:12]) or single letters ([a:f])");
        }
        if (b > e) {
            // Ansible: "host range must be begin <= end"; expanding it to no host would silently drop hosts.
            throw new IllegalArgumentException("host range '" + name.substring(open, close + 1) + "' must have begin <= end");
        }
        if (e - b > 100_000) {
            throw new IllegalArgumentException("host range '" + name.substring(open, close + 1) + "' expands to too many hosts");
        }
        for (long i = b; i <= e; i += step) {
            String n = Long.toString(i);
            if (width > n.length()) {
                n = "0".repeat(width - n.length()) + n;
            }
            expandInto(head + n + tail, out);
        }
    }
}
