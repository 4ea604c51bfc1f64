package io.authcert.playbook;

import static io.authcert.fuzz.Refusals.acceptsOrRefuses;

import io.authcert.diag.InputException;
import io.authcert.fuzz.FuzzTries;
import io.authcert.fuzz.Mutations;
import io.authcert.fuzz.Mutations.Mutant;
import io.authcert.fuzz.Mutations.Seed;
import io.authcert.fuzz.Seeds;
import io.authcert.fuzz.Trees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing the playbook loader: the shipped playbook, the examples and the broken corpus, damaged
 * (characters, lines, anchors and aliases, tags, deep nesting, huge scalars, tabs, NULs, BOMs), given
 * the wrong shapes under the right keys, and random text and bytes. {@link PlaybookLoader#load} returns
 * a playbook or throws {@link InputException} whose every diagnostic says what and how to fix it, in
 * words. docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzTries.class)
class PlaybookFuzzTest {

    static final Path SCRATCH = Seeds.scratch("playbook");
    static final Path FILE = SCRATCH.resolve("play.yml");

    static {
        // vars_files of the examples, by their relative paths.
        Seeds.copyTree(Seeds.repo("playbooks/examples/vars"), SCRATCH.resolve("vars"));
    }

    /** Play, task and module keys, and values they take. */
    static final List<String> KEYS = List.of("name", "hosts", "vars", "vars_files", "serial", "max_fail_percentage",
            "any_errors_fatal", "tasks", "handlers", "gather_facts", "notify", "when", "tags", "listen", "become", "roles",
            "exchange_auth_certificate", "exchange_backend_binding", "service_restart", "app_pool_recycle", "subject",
            "friendly_name", "key_size", "domain_names", "renew_before_days", "stage_days", "rotation", "distribute",
            "replication_timeout", "clear_previous", "hybrid", "unreachable", "primary", "lifetime_days", "site", "port",
            "min_days_valid", "auth certificate changed", "renew_before_days_var");

    static List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        seeds.add(Seeds.seed(Seeds.repo("playbooks/auth-certificate.yml")));
        Seeds.files(Seeds.repo("playbooks/examples"), ".yml").stream()
                .filter(p -> !p.getParent().getFileName().toString().equals("vars")).forEach(p -> seeds.add(Seeds.seed(p)));
        Seeds.files(Seeds.resource("/playbook/broken"), ".yml").forEach(p -> seeds.add(Seeds.seed(p)));
        Seeds.files(Seeds.repo("cli/src/test/resources/cli/broken/playbook"), ".yml").forEach(p -> seeds.add(Seeds.seed(p)));
        return seeds;
    }

    @Provide
    Arbitrary<Mutant> mutants() {
        return Mutations.mutants(seeds(), Mutations.YAML, Mutations.YAML_NESTS);
    }

    @Provide
    Arbitrary<Trees.TreeMutant> trees() {
        List<Trees.TreeSeed> trees = seeds().stream().map(s -> {
            try {
                Object tree = Trees.readYaml(s.text());
                return tree == null ? null : new Trees.TreeSeed(s.name(), tree);
            } catch (RuntimeException e) {
                return null; // a broken seed SnakeYAML cannot read: the text mutants cover it
            }
        }).filter(Objects::nonNull).toList();
        return Combinators.combine(Arbitraries.of(trees), Trees.edits(KEYS)).as((seed, edits) ->
                new Trees.TreeMutant(seed.name(), edits, Trees.writeYaml(Trees.apply(seed.tree(), edits))));
    }

    @Property
    void aDamagedPlaybookIsLoadedOrRefusedInWords(@ForAll("mutants") Mutant input) {
        load(input.text());
    }

    @Property
    void aPlaybookOfTheWrongShapeIsLoadedOrRefusedInWords(@ForAll("trees") Trees.TreeMutant input) {
        load(input.text());
    }

    @Property
    void randomTextIsRefusedInWords(@ForAll("unicode") String text) {
        load(text);
    }

    @Property
    void randomBytesAreRefusedInWords(@ForAll("bytes") byte[] bytes) {
        Seeds.write(FILE, bytes);
        acceptsOrRefuses(InputException.class, () -> new PlaybookLoader().loadWithDetails(FILE, Map.of()));
    }

    private static void load(String text) {
        Seeds.write(FILE, text);
        acceptsOrRefuses(InputException.class, () -> new PlaybookLoader().loadWithDetails(FILE, Map.of()));
    }

    @Provide
    Arbitrary<String> unicode() {
        return Mutations.unicode();
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Mutations.bytes();
    }

    @AfterContainer
    static void removeScratch() {
        Seeds.delete(SCRATCH);
    }
}
