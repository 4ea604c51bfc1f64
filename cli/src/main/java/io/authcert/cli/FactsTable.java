package io.authcert.cli;

import io.authcert.facts.AuthCertificateState;
import io.authcert.facts.HostAssessment;
import io.authcert.facts.Thumbprints;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The at-a-glance table of {@code engine facts}: per server the current Auth certificate (short
 * thumbprint, days left, present here), the next one and its effective date, the previous one and
 * OWA's health; then every warning, one line each.
 */
final class FactsTable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final String[] HEADER = {"HOST", "CURRENT", "DAYS LEFT", "ON SERVER", "NEXT", "EFFECTIVE (UTC)", "PREVIOUS", "OWA"};

    private final Terminal terminal;

    FactsTable(Terminal terminal) {
        this.terminal = terminal;
    }

    void print(List<HostAssessment> assessments) {
        List<String[]> rows = new ArrayList<>();
        for (HostAssessment a : assessments) {
            rows.add(a.gathered() ? row(a) : new String[] {a.host(), "FAILED", "", "", "", "", "", ""});
        }
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
            for (String[] r : rows) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        PrintWriter out = terminal.out();
        out.println(terminal.bold(line(HEADER, widths)));
        for (int k = 0; k < rows.size(); k++) {
            String text = line(rows.get(k), widths);
            HostAssessment a = assessments.get(k);
            out.println(!a.gathered() || a.current().expired() ? terminal.red(text)
                    : a.warnings().isEmpty() ? text : terminal.yellow(text));
        }
        long failed = assessments.stream().filter(a -> !a.gathered()).count();
        boolean anyWarning = assessments.stream().anyMatch(a -> !a.warnings().isEmpty());
        if (anyWarning) {
            out.println();
            for (HostAssessment a : assessments) {
                for (String w : a.warnings()) {
                    String prefix = a.gathered() ? "warning: " : "error: ";
                    out.println((a.gathered() ? terminal.yellow(prefix) : terminal.red(prefix)) + a.host() + ": " + w);
                }
            }
        }
        out.println();
        out.println(assessments.size() + " host(s): " + (assessments.size() - failed) + " gathered, " + failed + " failed");
        out.flush();
    }

    private static String[] row(HostAssessment a) {
        AuthCertificateState cur = a.current();
        return new String[] {
            a.host(),
            Thumbprints.shortForm(cur.thumbprint()),
            cur.daysLeft() == null ? "-" : cur.daysLeft().toString(),
            presence(cur),
            slot(a.next()),
            a.nextEffectiveDate() == null ? "-" : WHEN.format(a.nextEffectiveDate()),
            slot(a.previous()),
            a.owaHealth().shortForm(),
        };
    }

    private static String presence(AuthCertificateState s) {
        return switch (s.presence()) {
            case PRESENT -> "yes";
            case MISSING -> "MISSING";
            case NO_PRIVATE_KEY -> "no key";
            case KEY_UNKNOWN -> "yes (key?)";
            case UNSET -> "-";
        };
    }

    /** Next and previous: the short thumbprint, marked when this server lacks it. */
    private static String slot(AuthCertificateState s) {
        return switch (s.presence()) {
            case UNSET -> "-";
            case PRESENT -> Thumbprints.shortForm(s.thumbprint());
            case MISSING -> Thumbprints.shortForm(s.thumbprint()) + " (missing)";
            case NO_PRIVATE_KEY -> Thumbprints.shortForm(s.thumbprint()) + " (no key)";
            case KEY_UNKNOWN -> Thumbprints.shortForm(s.thumbprint()) + " (key?)";
        };
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            sb.append(i == 0 ? "" : "  ");
            sb.append(i == cells.length - 1 ? cells[i] : pad(cells[i], widths[i]));
        }
        return sb.toString().stripTrailing();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
