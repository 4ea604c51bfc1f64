package io.authcert.inventory;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.vault.VaultSecrets;
import io.authcert.yaml.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads Ansible inventories (YAML or INI files, directories of them, several sources) with their
 * {@code group_vars/} and {@code host_vars/}, the way {@code ansible-inventory} does. Every problem in
 * every source is collected and reported at once, each with file, line and column.
 */
public final class InventoryLoader {

    /** What Ansible skips in an inventory directory (INVENTORY_IGNORE_EXTS and the always-ignored names). */
    private static final Pattern IGNORED = Pattern.compile(
            "^\\..*|^host_vars$|^group_vars$|^vars_plugins$"
                    + "|.*(\\.pyc|\\.pyo|\\.swp|\\.bak|~|\\.rpm|\\.md|\\.txt|\\.rst|\\.orig|\\.ini|\\.cfg|\\.retry)$");

    public InventoryLoader() {
    }

    /**
     * Loads the sources in order into one inventory.
     *
     * @param sources inventory files or directories ({@code -i}); a text with commas that is no file is a
     *     host list, as in {@code -i host1,host2,}
     * @param vault passwords for encrypted values; {@link VaultSecrets#none()} defers every decryption to
     *     when a value is used
     * @throws InputException with every problem found
     */
    public Inventory load(List<Path> sources, VaultSecrets vault) {
        if (sources.isEmpty()) {
            throw InputException.of(null, "no inventory given", "name one with -i INVENTORY (a file or a directory)");
        }
        Diagnostics diagnostics = new Diagnostics();
        InventoryData data = new InventoryData();
        VarsFileReader reader = new VarsFileReader(vault);
        for (Path source : sources) {
            parseSource(source, data, diagnostics, vault, true);
        }
        data.reconcile(diagnostics);

        Map<Path, HostVarsResolver.SourceVars> byDir = new LinkedHashMap<>();
        List<HostVarsResolver.SourceVars> perSource = new ArrayList<>();
        for (Path source : sources) {
            if (!Files.exists(source)) {
                continue;
            }
            // Kept relative when the source was, so messages name files the way the user wrote the path.
            Path dir = Files.isDirectory(source) ? source
                    : source.getParent() != null ? source.getParent() : Path.of("");
            Path key = dir.toAbsolutePath().normalize();
            HostVarsResolver.SourceVars vars = byDir.computeIfAbsent(key, k -> new HostVarsResolver.SourceVars(
                    VarsDirectory.read(dir.resolve("group_vars"), data.groups.keySet(), "group", reader, diagnostics),
                    VarsDirectory.read(dir.resolve("host_vars"), data.hosts.keySet(), "host", reader, diagnostics)));
            perSource.add(vars);
        }
        diagnostics.throwIfErrors();
        return new Inventory(sources, data, new HostVarsResolver(data, perSource), diagnostics);
    }

    private void parseSource(Path source, InventoryData data, Diagnostics diagnostics, VaultSecrets vault, boolean given) {
        String name = source.toString();
        if (!Files.exists(source)) {
            if (given && name.contains(",")) {
                hostList(name, data, diagnostics);
                return;
            }
            diagnostics.error(SourceLocation.ofFile(name), "inventory not found",
                    "give an inventory file or directory that exists (-i PATH)");
            return;
        }
        if (Files.isDirectory(source)) {
            try (Stream<Path> entries = Files.list(source)) {
                for (Path entry : entries.sorted().toList()) {
                    String entryName = entry.getFileName().toString();
                    if (IGNORED.matcher(entryName).matches()) {
                        if (entryName.toLowerCase(Locale.ROOT).endsWith(".ini")) {
                            diagnostics.warning(SourceLocation.ofFile(entry.toString()),
                                    "ignored: Ansible skips .ini files inside an inventory directory",
                                    "rename it without the .ini extension, or pass the file itself with -i");
                        }
                        continue;
                    }
                    parseSource(entry, data, diagnostics, vault, false);
                }
            } catch (IOException e) {
                diagnostics.error(SourceLocation.ofFile(name), "cannot list inventory directory: " + e.getMessage(),
                        "check its permissions");
            }
            return;
        }
        parseFile(source, data, diagnostics, vault);
    }

    private void parseFile(Path file, InventoryData data, Diagnostics diagnostics, VaultSecrets vault) {
        String name = file.toString();
        String text;
        try {
            if (Files.size(file) > SafeYaml.MAX_CODE_POINTS) {
                diagnostics.error(SourceLocation.ofFile(name), "inventory file is too large",
                        "authcert reads inventories of ordinary size; check that this is the file you meant");
                return;
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.add(io.authcert.diag.ReadFailure.of(file, "inventory file", e));
            return;
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String ext = dot <= 0 ? "" : lower.substring(dot);
        if (!supportedKind(file, name, ext, text, diagnostics)) {
            return;
        }
        if (io.authcert.vault.AnsibleVault.isVaulted(text)) {
            // A whole inventory file encrypted with ansible-vault: Ansible decrypts it, then reads the plaintext.
            try {
                text = new String(io.authcert.vault.AnsibleVault.decrypt(text, vault), StandardCharsets.UTF_8);
            } catch (io.authcert.vault.VaultException e) {
                String hint = switch (e.reason()) {
                    case NO_PASSWORD -> "give the vault password with --vault-password-file FILE or ANSIBLE_VAULT_PASSWORD_FILE";
                    case WRONG_PASSWORD -> "check that this is the vault password the file was encrypted with"
                            + vault.origin().map(o -> " (read from " + o + ")").orElse("");
                    case MALFORMED -> "the encrypted file is damaged: restore it from version control, or encrypt its"
                            + " clear text again with ansible-vault encrypt";
                };
                diagnostics.error(SourceLocation.ofFile(name), e.reason() == io.authcert.vault.VaultException.Reason.MALFORMED
                        ? "this inventory file is encrypted with ansible-vault, but it cannot be decrypted: " + e.getMessage()
                        : "this inventory file is encrypted with ansible-vault and " + e.getMessage(), hint);
                return;
            }
        }
        boolean yamlExt = ext.equals(".yml") || ext.equals(".yaml") || ext.equals(".json");
        if (yamlExt) {
            parseYaml(name, text, data, diagnostics, vault);
            return;
        }
        if (!ext.isEmpty()) {
            new IniInventoryParser(name, data, diagnostics).parse(text);
            return;
        }
        // No extension: Ansible tries YAML first and falls back to INI.
        Node root;
        try {
            List<Node> docs = SafeYaml.composeAll(name, text);
            root = docs.isEmpty() ? null : docs.get(0);
        } catch (InputException e) {
            root = null;
            if (!looksLikeIni(text)) {
                e.diagnostics().forEach(diagnostics::add);
                return;
            }
        }
        if (root instanceof MappingNode) {
            new YamlInventoryParser(name, data, diagnostics, new YamlValues(name, vault, diagnostics)).parse(root);
        } else {
            new IniInventoryParser(name, data, diagnostics).parse(text);
        }
    }

    private void parseYaml(String name, String text, InventoryData data, Diagnostics diagnostics, VaultSecrets vault) {
        List<Node> docs;
        try {
            docs = SafeYaml.composeAll(name, text);
        } catch (InputException e) {
            e.diagnostics().forEach(diagnostics::add);
            return;
        }
        if (docs.size() > 1) {
            diagnostics.error(SafeYaml.location(name, docs.get(1)), "more than one YAML document in an inventory file",
                    "keep one document per file (remove the extra '---')");
        }
        new YamlInventoryParser(name, data, diagnostics, new YamlValues(name, vault, diagnostics))
                .parse(docs.isEmpty() ? null : docs.get(0));
    }

    /** TOML and script inventories, which Ansible reads with plugins authcert does not have, said plainly. */
    private static boolean supportedKind(Path file, String name, String ext, String text, Diagnostics diagnostics) {
        if (ext.equals(".toml")) {
            diagnostics.error(SourceLocation.ofFile(name), "TOML inventories (Ansible's toml plugin) are not supported",
                    "convert it once with: ansible-inventory -i " + name + " --list -y > hosts.yml");
            return false;
        }
        if (text.startsWith("#!") && Files.isExecutable(file)) {
            diagnostics.error(SourceLocation.ofFile(name), "inventory scripts (an executable file Ansible runs) are not"
                    + " supported: authcert never runs a program from an inventory", "save its output as a file: "
                    + "ansible-inventory -i " + name + " --list -y > hosts.yml, or clear the executable bit if it is a plain inventory");
            return false;
        }
        return true;
    }

    /** Whether a file without extension reads as INI: its first meaningful line is a section or a bare host. */
    private static boolean looksLikeIni(String text) {
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            return line.startsWith("[") || !line.contains(":") || line.contains("=");
        }
        return true;
    }

    private static void hostList(String list, InventoryData data, Diagnostics diagnostics) {
        for (String entry : list.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                HostRanges.Expanded expanded = HostRanges.expand(entry.strip());
                for (String host : expanded.names()) {
                    InventoryData.Host h = data.addHost(host, InventoryData.UNGROUPED, null);
                    if (expanded.port() != null) {
                        h.vars.put("ansible_port", expanded.port());
                    }
                }
            } catch (IllegalArgumentException e) {
                diagnostics.error(null, "host list '" + list + "': " + e.getMessage(), "separate host names with commas");
            }
        }
    }
}
