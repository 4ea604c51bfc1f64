package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.wsman.WireLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an eavesdropper on the lab's network reads: the lab's wire log, searched for the apply's
 * PowerShell and for a password, in clear and in every base64 form, and split into WinRM connections.
 */
final class Eavesdropper {

    /** The Content-Type of a body sealed with NTLM or Kerberos (MS-WSMV 2.2.9.1). */
    static final String SEALED = "multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\"";
    /** What the apply's scripts say in clear; none of it may be readable on the wire. */
    private static final List<String> POWERSHELL = List.of("Get-AuthConfig", "Set-AuthConfig", "New-ExchangeCertificate",
            "Get-ExchangeCertificate", "Restart-WebAppPool", "powershell", "PowerShell", "POWERSHELL");

    private final List<WireLog.Message> messages;
    private final String everything;

    private Eavesdropper(List<WireLog.Message> messages, String everything) {
        this.messages = messages;
        this.everything = everything;
    }

    static Eavesdropper of(Path wireLog) throws IOException {
        return new Eavesdropper(WireLog.read(wireLog), Files.readString(wireLog, StandardCharsets.ISO_8859_1));
    }

    /** Any bytes a run produced (a file, a console), read like the wire: only the password checks apply. */
    static Eavesdropper ofBytes(byte[] bytes) {
        return new Eavesdropper(List.of(), new String(bytes, StandardCharsets.ISO_8859_1));
    }

    List<WireLog.Message> messages() {
        return messages;
    }

    /** None of the apply's PowerShell travels readable, neither in clear nor as {@code -EncodedCommand}. */
    void readsNoPowerShell() {
        for (String word : POWERSHELL) {
            assertThat(everything).as("readable PowerShell on the wire").doesNotContain(word);
            for (String form : base64Forms(word.getBytes(StandardCharsets.UTF_16LE))) {
                assertThat(everything).as("%s as -EncodedCommand on the wire", word).doesNotContain(form);
            }
        }
    }

    /** {@code password} travels in none of the forms a client could send it: UTF-8 or UTF-16LE, in clear or base64. */
    void readsNoPassword(String password) {
        for (byte[] encoding : List.of(password.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_16LE))) {
            assertThat(everything).as("the password on the wire").doesNotContain(new String(encoding, StandardCharsets.ISO_8859_1));
            for (String form : base64Forms(encoding)) {
                assertThat(everything).as("the password in base64 on the wire").doesNotContain(form);
            }
        }
    }

    /**
     * The messages of every connection that carried a WinRM request, by the client's address and port. The
     * lab logs the answers of the OWA health probe too; those connections carry no WinRM request.
     */
    Map<String, List<WireLog.Message>> winRmConnections() {
        Map<String, List<WireLog.Message>> byConnection = new LinkedHashMap<>();
        messages.forEach(m -> byConnection.computeIfAbsent(m.peer(), k -> new ArrayList<>()).add(m));
        byConnection.values().removeIf(c -> c.stream().noneMatch(m -> m.request() && m.firstLine().equals("POST /wsman")));
        return byConnection;
    }

    /** {@code bytes} as it reads inside any base64 text, whatever its offset there (the three alignments). */
    private static List<String> base64Forms(byte[] bytes) {
        List<String> forms = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int from = offset == 0 ? 0 : 4;
            int to = (shifted.length / 3) * 4;
            if (to - from >= 8) {
                forms.add(encoded.substring(from, to));
            }
        }
        return forms;
    }
}
