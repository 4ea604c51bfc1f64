package io.authcert.powershell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One cmdlet invocation with named parameters, e.g.
 * {@code Set-AuthConfig -NewCertificateThumbprint 'AB..' -Force}. Names are checked; values are {@link PsValue}s.
 */
public final class PsCommand {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    private final String name;
    private final List<String[]> parts = new ArrayList<>();
    private final List<PsValue> values = new ArrayList<>();

    private PsCommand(String name) {
        this.name = checked(name);
    }

    public static PsCommand of(String cmdlet) {
        return new PsCommand(cmdlet);
    }

    /** {@code -Name value}. */
    public PsCommand param(String parameter, PsValue value) {
        parts.add(new String[] {checked(parameter)});
        values.add(value);
        return this;
    }

    /** {@code -Name} (a switch). */
    public PsCommand flag(String parameter) {
        parts.add(new String[] {checked(parameter)});
        values.add(null);
        return this;
    }

    /** {@code -Name:$false} and friends: a switch with an explicit value. */
    public PsCommand flag(String parameter, boolean value) {
        parts.add(new String[] {checked(parameter) + ":" + (value ? "$true" : "$false")});
        values.add(null);
        return this;
    }

    public String render() {
        return render(false);
    }

    public String renderRedacted() {
        return render(true);
    }

    String render(boolean redacted) {
        StringBuilder sb = new StringBuilder(name);
        for (int i = 0; i < parts.size(); i++) {
            sb.append(" -").append(parts.get(i)[0]);
            PsValue v = values.get(i);
            if (v != null) {
                sb.append(' ').append(redacted ? v.renderRedacted() : v.render());
            }
        }
        return sb.toString();
    }

    private static String checked(String identifier) {
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a cmdlet or parameter name: " + identifier);
        }
        return identifier;
    }

    @Override
    public String toString() {
        return renderRedacted();
    }
}
