package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The indexed name check the coverage uses agrees with {@link OrganizationServer#isNamed} on every input. */
class OrganizationServerNamesPropertyTest {

    @Property(tries = 2000)
    void namedByAnyOfIsIsNamedForEachName(@ForAll("names") String name, @ForAll("names") String fqdn,
            @ForAll("someNames") List<String> others) {
        OrganizationServer server = new OrganizationServer(name, fqdn, null, null, null, null, null, null);

        assertThat(OrganizationServer.namedByAnyOf(others).test(server))
                .isEqualTo(others.stream().anyMatch(server::isNamed));
    }

    @Provide
    Arbitrary<List<String>> someNames() {
        return names().list().ofMaxSize(6);
    }

    /** Short names from few letters, so that names, FQDNs and first labels often collide; null and blanks too. */
    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> label = Arbitraries.strings().withChars('e', 'X', 'x', '1').ofMinLength(1).ofMaxLength(3);
        Arbitrary<String> dotted = Arbitraries.of(".", ".c", ".C.l").flatMap(tail -> label.map(l -> l + tail));
        return Arbitraries.oneOf(label, dotted, label.map(l -> " " + l + " "), Arbitraries.of("", " ")).injectNull(0.05);
    }
}
