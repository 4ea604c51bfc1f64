package io.authcert.powershell;

import static io.authcert.fuzz.Refusals.acceptsOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.fuzz.FuzzTries;
import io.authcert.fuzz.Mutations;
import io.authcert.fuzz.Mutations.Mutant;
import io.authcert.fuzz.Seeds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzzing the CLIXML reader ({@link Clixml#read}: an {@link IOException} that says what is wrong, or
 * the objects) and the stderr decoder ({@link ClixmlErrors#decode}: never throws). Seeds: the captured
 * Export-Clixml files of the facts tests and a stderr with error records. docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzTries.class)
class ClixmlFuzzTest {

    static final String STDERR = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
            + "<S S=\"Error\">Set-AuthConfig : access denied_x000D__x000A_</S><S S=\"Warning\">slow_x000A_</S>"
            + "<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T></TN>"
            + "<MS><I64 N=\"SourceId\">1</I64><PR N=\"Record\"><AV>Preparing</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC>"
            + "<T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj></Objs>";

    static List<Mutations.Seed> seeds() {
        List<Mutations.Seed> seeds = new java.util.ArrayList<>(Seeds.files(Seeds.resource("/io/authcert/facts/captured"), ".xml")
                .stream().map(p -> new Mutations.Seed(p.getParent().getFileName() + "/" + p.getFileName(), Seeds.read(p))).toList());
        seeds.add(new Mutations.Seed("stderr", STDERR));
        return seeds;
    }

    static List<Object> read(String xml) throws IOException {
        return Clixml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<Mutant> mutants() {
        return Mutations.mutants(seeds(), Mutations.XML, Mutations.XML_NESTS);
    }

    /** Random element trees of CLIXML's own vocabulary, with values at the edges. */
    @Provide
    Arbitrary<String> generated() {
        Arbitrary<String> text = Arbitraries.of("", " ", "0", "-1", "2147483648", "99999999999999999999", "1.5", "x", "true",
                "maybe", "2026-11-26T09:00:00Z", "2026-11-26T09:00:00.0000000+01:00", "2026-99-99", "AQID", "AAA=A", "====",
                "MIIB", "_x000D__x000A_", "_xD800_", "&amp;", "&#0;", "&#x1F600;", "\uFEFF", "\t");
        Arbitrary<String> leaf = net.jqwik.api.Combinators.combine(
                Arbitraries.of("S", "I32", "I64", "U64", "By", "SB", "U16", "I16", "U32", "B", "Db", "Sg", "D", "DT", "BA", "C",
                        "G", "URI", "Version", "TS", "Nil", "Ref", "TNRef", "T", "ToString", "Unknown"),
                Arbitraries.of("", " N=\"Thumbprint\"", " N=\"RawData\"", " N=\"NotAfter\"", " N=\"Key\"", " N=\"Value\"",
                        " RefId=\"0\"", " RefId=\"1\"", " N=\"\"", " N=\"_x0000_\""),
                text).as((tag, attr, t) -> "<" + tag + attr + ">" + t + "</" + tag + ">");
        Arbitrary<String> node = Arbitraries.recursive(() -> leaf, inner -> net.jqwik.api.Combinators.combine(
                Arbitraries.of("Obj", "Props", "MS", "LST", "IE", "STK", "QUE", "DCT", "En", "TN"),
                Arbitraries.of("", " RefId=\"0\"", " RefId=\"1\"", " N=\"Services\"", " N=\"Key\""),
                inner.list().ofMaxSize(4)).as((tag, attr, children) -> "<" + tag + attr + ">" + String.join("", children)
                + "</" + tag + ">"), 1, 5);
        return node.list().ofMaxSize(4).map(items -> "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + String.join("", items) + "</Objs>");
    }

    @Property
    void aDamagedExportIsReadOrRefusedInWords(@ForAll("mutants") Mutant input) {
        acceptsOrRefuses(IOException.class, () -> read(input.text()));
    }

    @Property
    void generatedClixmlIsReadOrRefusedInWords(@ForAll("generated") String xml) {
        acceptsOrRefuses(IOException.class, () -> read(xml));
    }

    @Property
    void randomTextIsRefusedInWords(@ForAll("unicode") String text) {
        acceptsOrRefuses(IOException.class, () -> read(text));
    }

    @Property
    void randomBytesAreRefusedInWords(@ForAll("bytes") byte[] bytes) {
        acceptsOrRefuses(IOException.class, () -> Clixml.read(new ByteArrayInputStream(bytes)));
    }

    @Property
    void stderrIsAlwaysDecodedToText(@ForAll("stderrs") String stderr) {
        String text = io.authcert.fuzz.Refusals.returns(() -> ClixmlErrors.decode(stderr));
        assertThat(text).isNotNull();
    }

    @Provide
    Arbitrary<String> unicode() {
        return Mutations.unicode();
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Mutations.bytes();
    }

    @Provide
    Arbitrary<String> stderrs() {
        return Arbitraries.oneOf(mutants().map(Mutant::text), generated().map(x -> "#< CLIXML\r\n" + x), Mutations.unicode(),
                Mutations.unicode().map(x -> "#< CLIXML" + x));
    }
}
