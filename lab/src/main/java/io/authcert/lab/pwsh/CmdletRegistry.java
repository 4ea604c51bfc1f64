package io.authcert.lab.pwsh;

import io.authcert.lab.pwsh.cmdlets.GenericCmdlets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cmdlets one simulated server knows. Cmdlets registered under a snap-in are visible only to a
 * script that ran {@code Add-PSSnapin} for it, as on a real server outside the Exchange Management
 * Shell. Thread-safe: register at start-up, then share between concurrent scripts.
 */
public final class CmdletRegistry {

    /** The Exchange Management Shell snap-in. */
    public static final String EXCHANGE_SNAPIN = "Microsoft.Exchange.Management.PowerShell.SnapIn";

    private record Entry(String snapIn, Cmdlet cmdlet) {
    }

    private final Map<String, Entry> cmdlets = new ConcurrentHashMap<>();
    private final Set<String> snapIns = ConcurrentHashMap.newKeySet();
    private final Set<String> modules = ConcurrentHashMap.newKeySet();

    /** An empty registry (no cmdlets at all). */
    public static CmdletRegistry empty() {
        return new CmdletRegistry();
    }

    /** A registry with the generic cmdlets (Select-Object, ConvertTo-Json...) and the Exchange snap-in known. */
    public static CmdletRegistry withBuiltins() {
        CmdletRegistry r = new CmdletRegistry();
        CoreCmdlets.all().forEach(r::register);
        GenericCmdlets.all().forEach(r::register);
        r.registerSnapIn(EXCHANGE_SNAPIN);
        for (String m : List.of("Microsoft.PowerShell.Management", "Microsoft.PowerShell.Utility",
                "Microsoft.PowerShell.Security", "WebAdministration", "CimCmdlets")) {
            r.registerModule(m);
        }
        return r;
    }

    /** A cmdlet available to every script (a core cmdlet or a loaded module's). Replaces one of the same name. */
    public CmdletRegistry register(Cmdlet cmdlet) {
        cmdlets.put(key(cmdlet.name()), new Entry(null, cmdlet));
        return this;
    }

    /** A cmdlet available after {@code Add-PSSnapin snapIn}; the snap-in becomes installed. */
    public CmdletRegistry register(String snapIn, Cmdlet cmdlet) {
        registerSnapIn(snapIn);
        cmdlets.put(key(cmdlet.name()), new Entry(snapIn, cmdlet));
        return this;
    }

    /** Marks a snap-in as installed on the server (Add-PSSnapin succeeds for it). */
    public CmdletRegistry registerSnapIn(String snapIn) {
        snapIns.add(key(snapIn));
        return this;
    }

    /** Marks a module as installed (Import-Module succeeds for it). */
    public CmdletRegistry registerModule(String module) {
        modules.add(key(module));
        return this;
    }

    public boolean isModuleInstalled(String module) {
        return modules.contains(key(module));
    }

    public boolean isSnapInInstalled(String snapIn) {
        return snapIns.contains(key(snapIn));
    }

    /** The cmdlet of that name visible with the given snap-ins loaded. */
    public Optional<Cmdlet> find(String name, Collection<String> loadedSnapIns) {
        Entry e = cmdlets.get(key(name));
        if (e == null) {
            return Optional.empty();
        }
        if (e.snapIn() != null && loadedSnapIns.stream().noneMatch(s -> s.equalsIgnoreCase(e.snapIn()))) {
            return Optional.empty();
        }
        return Optional.of(e.cmdlet());
    }

    /** All cmdlets visible with the given snap-ins loaded (Get-Command). */
    public List<Cmdlet> visible(Collection<String> loadedSnapIns) {
        return cmdlets.values().stream()
                .filter(e -> e.snapIn() == null || loadedSnapIns.stream().anyMatch(s -> s.equalsIgnoreCase(e.snapIn())))
                .map(Entry::cmdlet)
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                .toList();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
