package io.authcert.lab.wsman;

import io.authcert.security.cbt.CbtHardeningLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One server's WinRM service settings (winrm get winrm/config/service), so the lab refuses what a real
 * server at these settings refuses.
 *
 * @param basic             Auth/Basic
 * @param allowUnencrypted  AllowUnencrypted: plain SOAP over HTTP is accepted
 * @param auth              the schemes offered in WWW-Authenticate (basic, negotiate, kerberos)
 * @param cbtHardeningLevel Auth/CbtHardeningLevel: how Negotiate logons over HTTPS must carry the TLS
 *                          channel's bindings (default Relaxed, as Windows; docs/winrm.md)
 */
public record WinRmConfig(boolean basic, boolean allowUnencrypted, List<String> auth,
                          CbtHardeningLevel cbtHardeningLevel) {

    public WinRmConfig {
        auth = auth.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        Objects.requireNonNull(cbtHardeningLevel, "cbtHardeningLevel");
    }

    /** Settings at Windows' default CbtHardeningLevel (Relaxed). */
    public WinRmConfig(boolean basic, boolean allowUnencrypted, List<String> auth) {
        this(basic, allowUnencrypted, auth, CbtHardeningLevel.RELAXED);
    }

    /** The same settings with another CbtHardeningLevel. */
    public WinRmConfig withCbtHardeningLevel(CbtHardeningLevel level) {
        return new WinRmConfig(basic, allowUnencrypted, auth, level);
    }

    /** WinRM's defaults on Windows Server: Basic off, unencrypted refused, Negotiate and Kerberos. */
    public static WinRmConfig windowsDefaults() {
        return new WinRmConfig(false, false, List.of("negotiate", "kerberos"));
    }

    /** Basic allowed over plain HTTP (winrm set winrm/config/service @{AllowUnencrypted="true"} + Auth/Basic). */
    public static WinRmConfig basicOverHttp() {
        return new WinRmConfig(true, true, List.of("basic", "negotiate", "kerberos"));
    }

    public boolean negotiate() {
        return auth.contains("negotiate");
    }

    /** Auth/Kerberos: Kerberos tokens are accepted, under {@code Negotiate} or {@code Kerberos}. */
    public boolean kerberos() {
        return auth.contains("kerberos");
    }

    /** The WWW-Authenticate headers of a 401, one per scheme (Basic first, as the lab always sent it). */
    public List<String> challenges() {
        List<String> out = new ArrayList<>();
        if (basic) {
            out.add("Basic realm=\"WSMAN\"");
        }
        if (negotiate()) {
            out.add("Negotiate");
        }
        if (kerberos()) {
            out.add("Kerberos");
        }
        return out;
    }

    /**
     * Reads {@code {basic: .., allow_unencrypted: .., auth: [..], cbt_hardening_level: none|relaxed|strict}}
     * over {@code base}.
     *
     * @throws IllegalArgumentException for a cbt_hardening_level that is none of the three
     */
    public static WinRmConfig from(Map<String, Object> yaml, WinRmConfig base) {
        boolean basic = yaml.containsKey("basic") ? Boolean.parseBoolean(String.valueOf(yaml.get("basic"))) : base.basic();
        boolean unencrypted = yaml.containsKey("allow_unencrypted")
                ? Boolean.parseBoolean(String.valueOf(yaml.get("allow_unencrypted"))) : base.allowUnencrypted();
        List<String> auth = base.auth();
        if (yaml.get("auth") instanceof List<?> list) {
            auth = list.stream().map(String::valueOf).toList();
        }
        if (basic && !auth.contains("basic")) {
            auth = new ArrayList<>(auth);
            auth.add("basic");
        }
        CbtHardeningLevel cbt = yaml.containsKey("cbt_hardening_level")
                ? CbtHardeningLevel.parse(String.valueOf(yaml.get("cbt_hardening_level"))) : base.cbtHardeningLevel();
        return new WinRmConfig(basic, unencrypted, auth, cbt);
    }
}
