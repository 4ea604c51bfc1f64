package io.authcert.inventory;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.vault.AnsibleVault;
import io.authcert.vault.Secret;
import io.authcert.vault.VaultException;
import io.authcert.vault.VaultSecrets;
import io.authcert.vault.VaultedValue;
import io.authcert.yaml.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one group_vars/host_vars file (YAML or JSON, plain or a whole file encrypted with ansible-vault)
 * into a {@link VarsLayer}. Every text value of an encrypted file becomes a {@link Secret}.
 */
final class VarsFileReader {

    private final VaultSecrets vault;

    VarsFileReader(VaultSecrets vault) {
        this.vault = vault;
    }

    VarsLayer read(Path file, Diagnostics diagnostics) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.add(io.authcert.diag.ReadFailure.of(file, "variables file", e));
            return new VarsLayer.Plain(Map.of());
        }
        if (AnsibleVault.isVaulted(text)) {
            return new Encrypted(file, text, vault);
        }
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        return new VarsLayer.Plain(parse(file.toString(), text, diagnostics, false, locations), locations);
    }

    /** Parses the text of a vars file: a mapping of variable names, or nothing. */
    Map<String, Object> parse(String name, String text, Diagnostics diagnostics, boolean secret) {
        return parse(name, text, diagnostics, secret, new LinkedHashMap<>());
    }

    /** As {@link #parse(String, String, Diagnostics, boolean)}, noting in {@code locations} where each variable is written. */
    Map<String, Object> parse(String name, String text, Diagnostics diagnostics, boolean secret, Map<String, SourceLocation> locations) {
        List<Node> docs;
        try {
            docs = SafeYaml.composeAll(name, text);
        } catch (InputException e) {
            e.diagnostics().forEach(diagnostics::add);
            return Map.of();
        }
        if (docs.isEmpty() || isNull(docs.get(0))) {
            return Map.of();
        }
        Node root = docs.get(0);
        if (!(root instanceof MappingNode mapping)) {
            diagnostics.error(SafeYaml.location(name, root), "a variables file must be a mapping of variable names",
                    "write one 'name: value' per line");
            return Map.of();
        }
        YamlValues values = new YamlValues(name, vault, diagnostics);
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = values.key(t.getKeyNode());
            ConnectionVariables.check(key, SafeYaml.location(name, t.getKeyNode()), diagnostics);
            locations.put(key, SafeYaml.location(name, t.getKeyNode()));
            Object value = values.value(t.getValueNode());
            out.put(key, secret ? secretise(value) : value);
        }
        return out;
    }

    private static Object secretise(Object value) {
        if (value instanceof String s) {
            return Secret.of(s);
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, secretise(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(secretise(v)));
            return out;
        }
        return value;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** A whole vars file encrypted with ansible-vault, decrypted the first time its variables are needed. */
    private final class Encrypted implements VarsLayer {
        private final Path file;
        private final String text;
        private final VaultSecrets secrets;
        private Map<String, Object> vars;
        private final Map<String, SourceLocation> locations = new LinkedHashMap<>();

        Encrypted(Path file, String text, VaultSecrets secrets) {
            this.file = file;
            this.text = text;
            this.secrets = secrets;
        }

        @Override
        public synchronized Map<String, Object> vars() {
            if (vars == null) {
                SourceLocation where = new SourceLocation(file.toString(), 1, 1);
                String plain;
                try {
                    plain = new String(AnsibleVault.decrypt(text, secrets), StandardCharsets.UTF_8);
                } catch (VaultException e) {
                    throw InputException.of(where, "cannot decrypt this ansible-vault file: " + e.getMessage(),
                            VaultedValue.hint(e.reason(), secrets));
                }
                Diagnostics problems = new Diagnostics();
                Map<String, Object> parsed = parse(file + " (decrypted)", plain, problems, true, locations);
                if (problems.hasErrors()) {
                    throw new InputException(problems);
                }
                vars = parsed;
            }
            return vars;
        }

        @Override
        public synchronized Map<String, SourceLocation> locations() {
            return vars == null ? Map.of() : Map.copyOf(locations);
        }
    }
}
