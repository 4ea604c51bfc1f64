package io.authcert.lab.wsman;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One server's WinRM service settings (winrm get winrm/config/service), so the lab refuses what a real
 * server at these settings refuses.
 *
 * @param basic            Auth/Basic
 * @param allowUnencrypted AllowUnencrypted: plain SOAP over HTTP is accepted
 * @param auth             the schemes offered in WWW-Authenticate (basic, negotiate, kerberos)
 */
public record WinRmConfig(boolean basic, boolean allowUnencrypted, List<String> auth) {

    public WinRmConfig {
        auth = auth.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
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

    /** The WWW-Authenticate headers of a 401, one per scheme (Basic first, as the lab always sent it). */
    public List<String> challenges() {
        List<String> out = new ArrayList<>();
        if (basic) {
            out.add("Basic realm=\"WSMAN\"");
        }
        if (negotiate()) {
            out.add("Negotiate");
        }
        if (auth.contains("kerberos")) {
            out.add("Kerberos");
        }
        return out;
    }

    /** Reads {@code {basic: .., allow_unencrypted: .., auth: [..]}} over {@code base}. */
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
        return new WinRmConfig(basic, unencrypted, auth);
    }
}
