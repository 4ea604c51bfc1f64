package io.authcert.playbook;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.playbook.modules.ModuleRegistry;
import io.authcert.yaml.SafeYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a playbook in Ansible's shape and validates all of it before anything runs: every play, task,
 * module argument, variable and {@code notify}. Every problem is collected with its file, line and
 * column, and thrown once as an {@link InputException}.
 */
public final class PlaybookLoader {

    private final ModuleRegistry registry;

    public PlaybookLoader() {
        this(ModuleRegistry.standard());
    }

    public PlaybookLoader(ModuleRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Loads and validates a playbook.
     *
     * @param extraVars variables given on the command line ({@code -e}); they win over play vars and vars_files
     * @throws InputException carrying every problem found
     */
    public Playbook load(Path file, Map<String, Object> extraVars) {
        return loadWithDetails(file, extraVars).playbook();
    }

    /** As {@link #load}, also returning the warnings and where each play's host pattern is written. */
    public LoadedPlaybook loadWithDetails(Path file, Map<String, Object> extraVars) {
        String name = file.toString();
        Node root = SafeYaml.compose(file);
        if (root == null || YamlNodes.isNull(root)) {
            throw InputException.of(SourceLocation.ofFile(name), "the playbook is empty",
                    "a playbook is a list of plays, for example:\n    - name: Auth certificate\n      hosts: exchange\n      tasks: [...]");
        }
        Diagnostics diagnostics = new Diagnostics();
        if (!YamlNodes.expect(root instanceof SequenceNode, diagnostics, name, root, "a playbook must be a list of plays",
                "start each play with '- ' (a playbook is a YAML list, as in Ansible)")) {
            diagnostics.throwIfErrors();
        }
        PlayReader reader = new PlayReader(name, file.getParent() == null ? Path.of("") : file.getParent(), registry,
                extraVars == null ? Map.of() : extraVars, diagnostics);
        List<Play> plays = new ArrayList<>();
        List<SourceLocation> hostsLocations = new ArrayList<>();
        Map<Task, Map<String, SourceLocation>> argumentLocations = new LinkedHashMap<>();
        for (Node item : ((SequenceNode) root).getValue()) {
            reader.read(item).ifPresent(p -> {
                plays.add(p.play());
                hostsLocations.add(p.hostsLocation());
                argumentLocations.putAll(p.argumentLocations());
            });
        }
        if (((SequenceNode) root).getValue().isEmpty()) {
            diagnostics.error(YamlNodes.at(name, root), "the playbook has no plays", "add a play: - hosts: exchange");
        }
        diagnostics.throwIfErrors();
        return new LoadedPlaybook(new Playbook(name, plays), hostsLocations, argumentLocations, diagnostics.warnings());
    }
}
