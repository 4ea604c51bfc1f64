package io.authcert.rehearse;

import io.authcert.lab.exchange.AuditLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each twin server ran during the apply, from the lab's audit log: one line per command with
 * its simulated time, exit code and the cmdlets in it that change something (reads are left out:
 * every command reads).
 */
final class ServerCommands {

    private static final Pattern CHANGING = Pattern.compile(
            "\\b(?:New|Set|Import|Export|Enable|Remove|Restart|Start|Stop|Clear)-[A-Z][A-Za-z]+\\b");

    /** The session plumbing around every command, not a change to the server. */
    private static final Set<String> PLUMBING = Set.of("PSSession", "PSSessionOption", "Variable", "StrictMode", "Location",
            "Object", "PSSnapin");

    private ServerCommands() {
    }

    /** Per host, the commands its twin server ran after audit entry {@code afterSeq} up to {@code untilSeq}. */
    static Map<String, List<String>> of(AuditLog audit, Map<String, String> serverOfHost, long afterSeq, long untilSeq,
            ThumbprintMap thumbprints) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        serverOfHost.forEach((host, server) -> {
            List<String> lines = new ArrayList<>();
            List<AuditLog.Entry> reads = new ArrayList<>();
            for (AuditLog.Entry e : audit.of(server)) {
                if (e.seq() <= afterSeq || e.seq() > untilSeq) {
                    continue;
                }
                String changes = changes(thumbprints.intoReal(e.script()));
                if (changes.isEmpty() && e.exitCode() == 0) {
                    reads.add(e); // a wait's probes: one line for a run of them
                    continue;
                }
                flushReads(reads, lines);
                lines.add(e.time() + "  exit " + e.exitCode() + "  " + (changes.isEmpty() ? "(reads only)" : changes));
            }
            flushReads(reads, lines);
            out.put(host, lines);
        });
        return out;
    }

    static long lastSeq(AuditLog audit) {
        List<AuditLog.Entry> all = audit.entries();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    private static String changes(String script) {
        Set<String> cmdlets = new LinkedHashSet<>();
        Matcher m = CHANGING.matcher(script);
        while (m.find()) {
            if (!PLUMBING.contains(m.group().substring(m.group().indexOf('-') + 1))) {
                cmdlets.add(m.group());
            }
        }
        return String.join(", ", cmdlets);
    }

    private static void flushReads(List<AuditLog.Entry> reads, List<String> lines) {
        if (reads.size() == 1) {
            lines.add(reads.get(0).time() + "  exit 0  (reads only)");
        } else if (!reads.isEmpty()) {
            lines.add(reads.get(0).time() + " .. " + reads.get(reads.size() - 1).time() + "  " + reads.size()
                    + " commands, reads only (a wait's probes)");
        }
        reads.clear();
    }
}
