package io.authcert.lab.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exchange's {@code AllowedServices} flags (what a certificate is enabled for), with the flag
 * names and the {@code ToString()} form ("IMAP, POP, IIS, SMTP") that Exchange prints.
 */
public final class AllowedServices {

    public static final int NONE = 0;
    public static final int IMAP = 1;
    public static final int POP = 2;
    public static final int UM = 4;
    public static final int IIS = 8;
    public static final int SMTP = 16;
    public static final int FEDERATION = 32;
    public static final int UM_CALL_ROUTER = 64;

    /** New-ExchangeCertificate's default when -Services is left out: "The default values are IMAP, POP, and SMTP." */
    public static final int NEW_CERTIFICATE_DEFAULT = IMAP | POP | SMTP;

    private static final Map<String, Integer> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("IMAP", IMAP);
        NAMES.put("POP", POP);
        NAMES.put("UM", UM);
        NAMES.put("IIS", IIS);
        NAMES.put("SMTP", SMTP);
        NAMES.put("Federation", FEDERATION);
        NAMES.put("UMCallRouter", UM_CALL_ROUTER);
    }

    private AllowedServices() {
    }

    /** Parses "IIS, SMTP", "IIS,SMTP" or "None"; throws with Exchange's wording for an unknown name. */
    public static int parse(String text) {
        int flags = 0;
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.equalsIgnoreCase("None")) {
                continue;
            }
            Integer value = null;
            for (Map.Entry<String, Integer> e : NAMES.entrySet()) {
                if (e.getKey().equalsIgnoreCase(part)) {
                    value = e.getValue();
                }
            }
            if (value == null) {
                throw new IllegalArgumentException("Cannot convert value \"" + text
                        + "\" to type \"Microsoft.Exchange.Data.AllowedServices\". Error: \"Unable to match the identifier name "
                        + part + " to a valid enumerator name. Specify one of the following enumerator names and try again:"
                        + System.lineSeparator() + "None, IMAP, POP, UM, IIS, SMTP, Federation, UMCallRouter\"");
            }
            flags |= value;
        }
        return flags;
    }

    /** The .NET flags enum's ToString(): "None" or the set names joined by ", ". */
    public static String format(int flags) {
        if (flags == 0) {
            return "None";
        }
        List<String> names = new ArrayList<>();
        NAMES.forEach((name, value) -> {
            if ((flags & value) != 0) {
                names.add(name);
            }
        });
        return String.join(", ", names);
    }

    public static boolean has(int flags, int flag) {
        return (flags & flag) == flag;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
