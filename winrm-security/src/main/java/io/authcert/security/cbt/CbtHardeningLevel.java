package io.authcert.security.cbt;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * WinRM's {@code winrm/config/service/auth/CbtHardeningLevel} (MS-WSMV 2.2.4.34, default Relaxed), which
 * HTTP.sys applies to Negotiate logons over HTTPS as its authentication hardening level
 * (HTTP_AUTHENTICATION_HARDENING_LEVELS: Legacy, Medium, Strict).
 */
public enum CbtHardeningLevel {

    /** Bindings are ignored (HTTP.sys Legacy). */
    NONE,
    /** Bindings are checked when the client sends them; clients without are served (HTTP.sys Medium). */
    RELAXED,
    /** Only clients sending the right bindings are served (HTTP.sys Strict). */
    STRICT;

    /**
     * Reads {@code None}, {@code Relaxed} or {@code Strict}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CbtHardeningLevel parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.name().equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("CbtHardeningLevel '" + value
                        + "' is not one of none, relaxed, strict (winrm/config/service/auth/CbtHardeningLevel)"));
    }

    /**
     * Why a logon is refused whose bindings field holds {@code presented} (null when the field is absent)
     * on a channel whose bindings are {@code expected} (null on plain HTTP, where there is no channel to
     * bind to and nothing is checked); empty when it is accepted. An all-zero value means "no bindings"
     * (MS-NLMP 3.2.5.1.2; SEC_CHANNEL_BINDINGS_RESULT_ABSENT).
     */
    public Optional<String> refusal(byte[] presented, ChannelBindings expected) {
        if (this == NONE || expected == null) {
            return Optional.empty();
        }
        if (ChannelBindings.absent(presented)) {
            return this == STRICT
                    ? Optional.of("the logon carries no channel bindings and CbtHardeningLevel is Strict")
                    : Optional.empty();
        }
        return expected.matches(presented) ? Optional.empty()
                : Optional.of("the logon's channel bindings are not those of this server's TLS certificate"
                        + " (a TLS proxy or man-in-the-middle between client and server)");
    }
}
