package io.authcert.inventory;

import static io.authcert.fuzz.Refusals.acceptsOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.diag.InputException;
import io.authcert.fuzz.FuzzTries;
import io.authcert.fuzz.Mutations;
import io.authcert.fuzz.Mutations.Mutant;
import io.authcert.fuzz.Seeds;
import io.authcert.fuzz.Trees;
import io.authcert.vault.VaultSecrets;
import io.authcert.vault.VaultedValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing the inventory loader: the test inventories and the shipped one (YAML and INI, directories,
 * group_vars/ and host_vars/, vaulted values and a wholly vaulted file), one file at a time damaged, given
 * the wrong shapes under the right keys, or replaced by random bytes. {@link InventoryLoader#load} and
 * everything a command then asks (every host's variables with vaulted values decrypted, groups, the
 * {@code all} pattern, the listing) return or throw {@link InputException} in words. docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzTries.class)
class InventoryFuzzTest {

    static final Path SCRATCH = Seeds.scratch("inventory");
    static final Path DIR = Seeds.resource("/io/authcert/inventory");
    static final VaultSecrets PASSWORD = VaultSecrets.fromFile(DIR.resolve("vault-password.txt"));

    /** An inventory: a folder copied once to the scratch folder, and the source given with -i inside it. */
    record Source(Path folder, String source) {
        @Override
        public String toString() {
            return folder.getFileName() + "/" + source;
        }
    }

    static final List<Source> SOURCES = List.of(new Source(DIR.resolve("ini-basic"), "hosts.ini"),
            new Source(DIR.resolve("yaml-nested"), "hosts.yml"), new Source(DIR.resolve("vaulted"), "hosts.yml"),
            new Source(DIR.resolve("dir-inventory"), "."), new Source(DIR.resolve("second"), "hosts"),
            new Source(DIR.resolve("whole-file-vault"), "hosts"), new Source(Seeds.repo("inventory/production"), "hosts.yml"));

    static final List<String> KEYS = List.of("all", "children", "hosts", "vars", "ungrouped", "exchange", "edge", "ansible_host",
            "ansible_port", "ansible_user", "ansible_password", "ansible_connection", "ansible_winrm_transport",
            "ansible_winrm_server_cert_validation", "ansible_winrm_kerberos_delegation", "exchange_org", "exchange_clock",
            "authcert_exchange_shell", "ex01.corp.example", "ex[01:03].corp.example", "site_a");

    private static final Map<Path, Path> COPIES = new ConcurrentHashMap<>();

    /** One damaged file of one inventory. */
    record Damaged(Source source, int file, String text) {
        @Override
        public String toString() {
            return source + " file #" + file;
        }
    }

    @Provide
    Arbitrary<Object> damaged() {
        return Arbitraries.of(SOURCES).flatMap(source -> {
            List<Path> files = Seeds.files(source.folder());
            return Arbitraries.integers().between(0, files.size() - 1).flatMap(i -> {
                String name = files.get(i).getFileName().toString();
                boolean ini = name.endsWith(".ini") || name.equals("hosts") || !name.contains(".");
                List<Mutations.Seed> seed = List.of(Seeds.seed(files.get(i)));
                Arbitrary<Object> text = Mutations.mutants(seed, ini ? Mutations.INI : Mutations.YAML,
                        ini ? Mutations.INI_NESTS : Mutations.YAML_NESTS).map(m -> m);
                Object tree = yamlTree(seed.get(0).text());
                if (tree != null) {
                    text = Arbitraries.oneOf(text, Trees.edits(KEYS).map(edits -> new Trees.TreeMutant(seed.get(0).name(), edits,
                            Trees.writeYaml(Trees.apply(tree, edits)))));
                }
                return text.map(t -> new Object[] {source, i, t});
            });
        }).map(o -> o);
    }

    @Property
    void aDamagedInventoryIsLoadedOrRefusedInWords(@ForAll("damaged") Object input) {
        Object[] parts = (Object[]) input;
        Source source = (Source) parts[0];
        String text = parts[2] instanceof Mutant m ? m.text() : ((Trees.TreeMutant) parts[2]).text();
        withFile(source, (Integer) parts[1], text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void anInventoryFileOfRandomBytesIsRefusedInWords(@ForAll("sources") Source source, @ForAll("bytes") byte[] bytes,
            @ForAll("fileIndex") int file) {
        withFile(source, file, bytes);
    }

    @Property
    void randomHostListsAndPatternsAreRefusedInWords(@ForAll("unicode") String text) {
        // -i host1,host2, (a text with a comma that is no file) and a pattern or --limit given on the command line
        // (no NUL: a command line cannot carry one, and Path.of refuses it before the loader is asked).
        Path hosts = path(text.replace('/', '_').replace('\0', '_') + ",");
        if (hosts != null) {
            acceptsOrRefuses(InputException.class, () -> {
                Inventory inventory = new InventoryLoader().load(List.of(hosts), VaultSecrets.none());
                return inventory.selectNames(text.isEmpty() ? "all" : text, null, null);
            });
        }
        Inventory loaded = new InventoryLoader().load(List.of(copyOf(SOURCES.get(1)).resolve("hosts.yml")), VaultSecrets.none());
        acceptsOrRefuses(InputException.class, () -> loaded.selectNames("all", text, null));
    }

    /** The text as a path, or null when the platform has no such path (an unpaired surrogate): picocli's part. */
    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static void withFile(Source source, int index, byte[] content) {
        Path copy = copyOf(source);
        List<Path> files = Seeds.files(copy);
        Path file = files.get(Math.floorMod(index, files.size()));
        try {
            byte[] before = Files.readAllBytes(file);
            Files.write(file, content);
            try {
                use(copy.resolve(source.source()));
            } finally {
                Files.write(file, before);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the commands do with an inventory: load it, merge and decrypt every host's variables, list it. */
    private static void use(Path source) {
        acceptsOrRefuses(InputException.class, () -> {
            Inventory inventory = new InventoryLoader().load(List.of(source), PASSWORD);
            for (InventoryHost host : inventory.hosts()) {
                reveal(host.vars());
            }
            inventory.groups().forEach(g -> inventory.groupVars(g.name()));
            List<String> all = inventory.selectNames("all", null, null);
            InventoryListing.list(inventory, all);
            return InventoryListing.graph(inventory, "all");
        });
    }

    private static void reveal(Object value) {
        if (value instanceof VaultedValue v) {
            v.secret();
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(InventoryFuzzTest::reveal);
        } else if (value instanceof List<?> l) {
            l.forEach(InventoryFuzzTest::reveal);
        }
    }

    private static Path copyOf(Source source) {
        return COPIES.computeIfAbsent(source.folder(), f -> {
            Path dir = SCRATCH.resolve("inv" + COPIES.size());
            Seeds.copyTree(f, dir);
            return dir;
        });
    }

    private static Object yamlTree(String text) {
        try {
            Object tree = Trees.readYaml(text);
            return tree instanceof Map<?, ?> ? tree : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Found by this fuzz: a host name with a NUL (an INI line with one) threw InvalidPathException looking for host_vars/NAME. */
    @Example
    void aHostNameNoFileCanHaveHasNoVariablesFile() throws IOException {
        Path dir = SCRATCH.resolve("nul-host");
        Files.createDirectories(dir.resolve("host_vars"));
        Files.writeString(dir.resolve("host_vars/ex01.yml"), "exchange_org: contoso\n");
        Files.writeString(dir.resolve("hosts.ini"), "[exchange]\nex01\nex\u000002\n");

        Inventory inventory = new InventoryLoader().load(List.of(dir.resolve("hosts.ini")), VaultSecrets.none());

        assertThat(inventory.hostNames()).containsExactly("ex01", "ex\u000002");
        assertThat(inventory.host("ex01").orElseThrow().vars()).containsEntry("exchange_org", "contoso");
        assertThat(inventory.host("ex\u000002").orElseThrow().vars()).doesNotContainKey("exchange_org");
    }

    /** Found by this fuzz: --limit @FILE with a name no file can have (a NUL, an unpaired surrogate) threw InvalidPathException. */
    @Example
    void aLimitFileNoSystemCanHaveIsRefusedInWords() {
        Inventory inventory = new InventoryLoader().load(List.of(copyOf(SOURCES.get(1)).resolve("hosts.yml")), VaultSecrets.none());

        assertThatThrownBy(() -> inventory.selectNames("all", "@retry\u0000.txt", null))
                .isInstanceOf(InputException.class)
                .hasMessage("--limit @FILE names no file this system can have: Nul character not allowed");
    }

    @Provide
    Arbitrary<Source> sources() {
        return Arbitraries.of(SOURCES);
    }

    @Provide
    Arbitrary<Integer> fileIndex() {
        return Arbitraries.integers().between(0, 20);
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
