package io.authcert.facts;

import static io.authcert.fuzz.Refusals.acceptsOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.fuzz.FuzzTries;
import io.authcert.fuzz.Mutations;
import io.authcert.fuzz.Mutations.Mutant;
import io.authcert.fuzz.Mutations.Seed;
import io.authcert.fuzz.Planning;
import io.authcert.fuzz.Refusals.Outcome;
import io.authcert.fuzz.Seeds;
import io.authcert.fuzz.Trees;
import io.authcert.fuzz.Trees.TreeEdit;
import io.authcert.fuzz.Trees.TreeSeed;
import io.authcert.plan.FactsBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing the facts parsers: what {@code gather.ps1} prints ({@link GatherOutputParser}), saved facts
 * documents ({@link FactsDocument}, {@code plan --facts DIR}) and folders of captured exports
 * ({@link CapturedFactsReader}). Each returns facts or throws {@link FactsParseException} with a plain
 * one-line message; a capture that cannot be read is a failed host. Whatever facts they accept, the
 * planner plans or refuses with a {@link io.authcert.plan.PlanningException}. docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzTries.class)
class FactsFuzzTest {

    static final Path SCRATCH = Seeds.scratch("facts");

    /** The keys of gather.ps1's output and of the facts document (docs/facts.md). */
    static final List<String> KEYS = List.of("format_version", "hosts", "gathered_at", "clock", "server", "name", "fqdn", "version",
            "roles", "ad_site", "is_edge", "organization", "clock_utc", "auth_config", "current_thumbprint", "next_thumbprint",
            "previous_thumbprint", "next_effective_date", "service_name", "realm", "distinguished_name", "certificates",
            "thumbprint", "subject", "friendly_name", "not_before", "not_after", "has_private_key", "private_key_exportable",
            "is_self_signed", "services", "status", "public_key_size", "domains", "service_host", "start_time", "app_pools",
            "state", "backend_binding", "site", "port", "hybrid", "errors", "auth_admin", "last_run", "published", "at",
            "organization_servers", "organization_servers_error", "owa_sign_in_errors", "since", "count", "newest",
            "internal_transport_certificate", "Thumbprint", "RawData", "NotAfter", "CurrentCertificateThumbprint", "value");

    static List<Seed> gatherSeeds() {
        return Seeds.files(Seeds.resource("/io/authcert/facts/gather")).stream().map(Seeds::seed).toList();
    }

    /** Facts documents as the engine writes them (organisations in several states) and the corpus's broken ones. */
    static List<Seed> documentSeeds() {
        List<Seed> seeds = new ArrayList<>();
        Facts healthy = FactsBuilder.healthy("ex01", "ex02").build();
        seeds.add(new Seed("healthy", FactsDocument.toJson(healthy)));
        String c = FactsBuilder.tp("C");
        String n = FactsBuilder.tp("N");
        Facts staged = new FactsBuilder().hosts("ex01", "ex02", "edge1", "ex03")
                .authCert(c, Planning.NOW.minus(Duration.ofDays(1000)), Planning.NOW.plus(Duration.ofDays(20)))
                .authCert(n, Planning.NOW.minus(Duration.ofDays(3)), Planning.NOW.plus(Duration.ofDays(1800)), "ex01")
                .auth(c, FactsBuilder.tp("P"), n, Planning.NOW.plus(Duration.ofDays(2)))
                .published(c, Planning.NOW.minus(Duration.ofDays(900)), "ex01")
                .serviceletRan(Planning.NOW.minus(Duration.ofHours(3)), "ex01")
                .edge("edge1").unreachable("ex03").hybrid("ex02").site("Paris", "ex02")
                .serverListUnknown("ex02", "Get-ExchangeServer failed").outside("ex09").build();
        seeds.add(new Seed("staged", FactsDocument.toJson(staged)));
        try {
            seeds.add(new Seed("captured", FactsDocument.toJson(new CapturedFactsReader().read(Seeds.resource("/io/authcert/facts/captured")))));
        } catch (FactsParseException e) {
            throw new IllegalStateException(e);
        }
        Seeds.files(Seeds.repo("cli/src/test/resources/cli/broken/facts"), ".json").forEach(p -> seeds.add(Seeds.seed(p)));
        return seeds;
    }

    /** Folders of captured exports: core's (CLIXML with RawData, CLIXML, ConvertTo-Json) and the CLI's scenarios. */
    static List<Path> captureSets() {
        List<Path> sets = new ArrayList<>();
        sets.add(Seeds.resource("/io/authcert/facts/captured"));
        for (String s : List.of("healthy-full-158-days", "staged-and-due", "missing-on-some")) {
            sets.add(Seeds.repo("cli/src/test/resources/cli/captures/" + s));
        }
        return sets;
    }

    // --- gather.ps1's output

    @Provide
    Arbitrary<Mutant> gatherMutants() {
        return Mutations.mutants(gatherSeeds(), Mutations.JSON, Mutations.JSON_NESTS);
    }

    @Provide
    Arbitrary<Trees.TreeMutant> gatherTrees() {
        return treeMutants(gatherSeeds());
    }

    @Property
    void damagedGatherOutputIsParsedOrRefusedInWords(@ForAll("gatherMutants") Mutant input) {
        gather(input.text());
    }

    @Property
    void gatherOutputOfTheWrongShapeIsParsedOrRefusedInWords(@ForAll("gatherTrees") Trees.TreeMutant input) {
        gather(input.text());
    }

    @Property
    void randomGatherOutputIsParsedOrRefusedInWords(@ForAll("unicode") String text) {
        gather(text);
    }

    private static void gather(String text) {
        Outcome<HostFacts> out = acceptsOrRefuses(FactsParseException.class,
                () -> new GatherOutputParser().parse("ex01", Planning.NOW, text, null));
        if (out.accepted()) {
            Planning.planAll(new Facts(java.util.Map.of("ex01", out.result())));
        }
    }

    // --- facts documents

    @Provide
    Arbitrary<Mutant> documentMutants() {
        return Mutations.mutants(documentSeeds(), Mutations.JSON, Mutations.JSON_NESTS);
    }

    @Provide
    Arbitrary<Trees.TreeMutant> documentTrees() {
        return treeMutants(documentSeeds().stream().filter(s -> s.name().length() < 12).toList());
    }

    @Property
    void aDamagedFactsDocumentIsReadOrRefusedInWords(@ForAll("documentMutants") Mutant input) {
        document(input.text());
    }

    @Property
    void aFactsDocumentOfTheWrongShapeIsReadOrRefusedInWords(@ForAll("documentTrees") Trees.TreeMutant input) {
        document(input.text());
    }

    @Property
    void randomTextIsNoFactsDocument(@ForAll("unicode") String text) {
        document(text);
    }

    private static void document(String text) {
        Outcome<Facts> out = acceptsOrRefuses(FactsParseException.class, () -> FactsDocument.read(text, "facts.json"));
        if (out.accepted()) {
            Planning.planAll(out.result());
        }
    }

    // --- captured exports

    /** One capture set with one of its files damaged. */
    record DamagedCapture(Path set, int file, Mutations.Mutant mutant) {
        @Override
        public String toString() {
            return set.getFileName() + " file #" + file + " " + mutant;
        }
    }

    @Provide
    Arbitrary<DamagedCapture> damagedCaptures() {
        return Arbitraries.of(captureSets()).flatMap(set -> {
            List<Path> files = Seeds.files(set, ".xml", ".json");
            return Arbitraries.integers().between(0, files.size() - 1).flatMap(i -> {
                Path f = files.get(i);
                List<String> tokens = f.toString().endsWith(".xml") ? Mutations.XML : Mutations.JSON;
                List<String[]> nests = f.toString().endsWith(".xml") ? Mutations.XML_NESTS : Mutations.JSON_NESTS;
                return Mutations.mutants(List.of(Seeds.seed(f)), tokens, nests).map(m -> new DamagedCapture(set, i, m));
            });
        });
    }

    @Property
    void aDamagedCaptureIsAFailedHostOrReadInWords(@ForAll("damagedCaptures") DamagedCapture capture) {
        Path dir = copyOf(capture.set());
        Path file = dir.resolve(capture.set().relativize(Seeds.files(capture.set(), ".xml", ".json").get(capture.file())).toString());
        withFile(file, capture.mutant().text().getBytes(java.nio.charset.StandardCharsets.UTF_8), () -> captured(dir));
    }

    @Property
    void aCaptureOfRandomBytesIsAFailedHost(@ForAll("captureSets") Path set, @ForAll("bytes") byte[] bytes,
            @ForAll("captureFile") String name) {
        Path dir = copyOf(set);
        withFile(dir.resolve("ex01").resolve(name), bytes, () -> captured(dir));
    }

    /** One scratch copy per capture set, made once; each try changes one file and puts it back. */
    private static final java.util.Map<Path, Path> COPIES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Path copyOf(Path set) {
        return COPIES.computeIfAbsent(set, s -> {
            Path dir = SCRATCH.resolve("set" + COPIES.size());
            Seeds.copyTree(s, dir);
            return dir;
        });
    }

    private static void withFile(Path file, byte[] content, Runnable check) {
        try {
            byte[] before = Files.exists(file) ? Files.readAllBytes(file) : null;
            Seeds.write(file, content);
            try {
                check.run();
            } finally {
                if (before == null) {
                    Files.delete(file);
                } else {
                    Files.write(file, before);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void captured(Path dir) {
        List<String> hosts;
        try (var s = Files.list(dir)) {
            hosts = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Outcome<Facts> out = acceptsOrRefuses(FactsParseException.class, () -> new CapturedFactsReader().read(dir));
        assertThat(out.accepted()).as("a folder of host folders is read, each host failed or not: %s", out.refusal()).isTrue();
        assertThat(out.result().hosts().keySet()).containsExactlyElementsOf(hosts);
        for (HostFacts h : out.result().hosts().values()) {
            if (!h.reachable()) {
                assertThat(h.errors()).as("a failed host says why").isNotEmpty().allSatisfy(e -> assertThat(e).isNotBlank());
                h.errors().forEach(e -> assertThat(e).doesNotContain("Exception").doesNotContain("\n\tat "));
            }
        }
        Planning.planAll(out.result());
    }

    @Provide("captureSets")
    Arbitrary<Path> captureSetArbitrary() {
        return Arbitraries.of(captureSets());
    }

    @Provide
    Arbitrary<String> captureFile() {
        return Arbitraries.of("authconfig.xml", "certificates.xml", "exchangeserver.xml", "exchangeservers.xml",
                "transportservice.xml", "authconfig.json", "certificates.json", "exchangeservers.json", "transportservice.json");
    }

    // --- shared

    static Arbitrary<Trees.TreeMutant> treeMutants(List<Seed> seeds) {
        List<TreeSeed> trees = seeds.stream().map(s -> {
            try {
                return new TreeSeed(s.name(), Trees.readJson(s.text().substring(s.text().indexOf('{'))));
            } catch (RuntimeException e) {
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList();
        return Combinators.combine(Arbitraries.of(trees), Trees.edits(KEYS)).as((seed, edits) ->
                new Trees.TreeMutant(seed.name(), edits, Trees.writeJson(Trees.apply(seed.tree(), edits))));
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
