package io.authcert.lab.wsman;

import io.authcert.security.ntlm.AuthenticateMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NTLM AUTHENTICATE messages clients sent, as the lab's {@link WireLog} recorded them: the server's
 * view of a logon, for tests that must show what a client really put in it (its channel bindings).
 */
public final class NtlmLogons {

    private static final Pattern NEGOTIATE = Pattern.compile("(?m)^Authorization: (?:Negotiate|NTLM) ([A-Za-z0-9+/=]+)$");

    private final Path log;
    private long mark;

    /** Reads {@code log} from its current end on, so earlier logons do not count. */
    public NtlmLogons(Path log) {
        this.log = log;
        this.mark = size();
    }

    /** The AUTHENTICATE messages logged since the last call (or since construction). */
    public List<AuthenticateMessage> sinceLastLook() {
        byte[] all;
        try {
            all = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the wire log " + log, e);
        }
        String appended = new String(Arrays.copyOfRange(all, (int) mark, all.length), StandardCharsets.ISO_8859_1);
        mark = all.length;
        List<AuthenticateMessage> out = new ArrayList<>();
        for (Matcher m = NEGOTIATE.matcher(appended); m.find();) {
            byte[] token = Base64.getDecoder().decode(m.group(1));
            if (token.length > 12 && token[8] == 3) {
                out.add(AuthenticateMessage.parse(token));
            }
        }
        return out;
    }

    private long size() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the wire log " + log, e);
        }
    }
}
