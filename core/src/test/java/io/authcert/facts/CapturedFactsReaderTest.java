package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captured exports shaped like Microsoft's own CSS-Exchange test data (HealthChecker and
 * MonitorExchangeAuthCertificate): CLIXML with RawData-only certificates, CLIXML with full
 * properties, and ConvertTo-Json from Windows PowerShell 5.1. Certificates made with keytool
 * (src/test/resources/io/authcert/facts/der); expected thumbprints computed with openssl.
 */
class CapturedFactsReaderTest {

    static final String CURRENT = "448A9EDCE69DAF8758BF7F900D2B5045893FCC73";
    static final String NEXT = "5144DB6352D59D33381E30343B96277045E4F47D";
    static final String OLD = "32F057C4BF082DF4C0DC5EE87B6449E56DFFC5E0";
    static final String MAIL = "F92B6F3E9ECECF8697003672091E0D45B64E1B57";
    static final String ORG = "CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=lab";

    static Path captured;
    static Facts facts;

    @BeforeAll
    static void read() throws Exception {
        captured = Path.of(CapturedFactsReaderTest.class.getResource("/io/authcert/facts/captured").toURI());
        facts = new CapturedFactsReader().read(captured);
    }

    @Test
    void oneHostPerFolderInNameOrder() {
        assertThat(facts.hosts().keySet()).containsExactly("ex01", "ex02", "ex03", "ex04");
    }

    @Test
    void rawDataOnlyCertificatesAreReadFromTheCertificateItself() {
        HostFacts ex01 = facts.hosts().get("ex01");

        assertThat(ex01.certificates()).extracting(CertificateFacts::thumbprint).containsExactly(CURRENT, NEXT, MAIL);
        CertificateFacts current = ex01.certificate(CURRENT).orElseThrow();
        assertThat(current.subject()).isEqualTo("CN=Microsoft Exchange Server Auth Certificate");
        assertThat(current.notBefore()).isEqualTo(Instant.parse("2024-01-05T09:04:48Z"));
        assertThat(current.notAfter()).isEqualTo(Instant.parse("2029-01-04T09:04:48Z"));
        assertThat(current.keySize()).isEqualTo(2048);
        assertThat(current.selfSigned()).isTrue();
        CertificateFacts mail = ex01.certificate(MAIL).orElseThrow();
        assertThat(mail.subject()).isEqualTo("CN=mail.contoso.com, O=Contoso Ltd, C=DE");
        assertThat(mail.keySize()).isEqualTo(3072);
        assertThat(mail.domains()).containsExactly("mail.contoso.com", "autodiscover.contoso.com");
        assertThat(ex01.errors()).singleElement().asString()
                .startsWith("certificates.xml: 3 certificate(s) carry only RawData")
                .contains("has_private_key and services are unknown (status Unknown)");
        assertThat(current.status()).isEqualTo(CapturedFactsReader.STATUS_UNKNOWN);
        assertThat(current.hasPrivateKey()).as("unknown, never false").isNull();
    }

    @Test
    void authConfigAndServerFromClixml() {
        HostFacts ex01 = facts.hosts().get("ex01");

        assertThat(ex01.authConfig().currentThumbprint()).isEqualTo(CURRENT);
        assertThat(ex01.authConfig().previousThumbprint()).isEqualTo(OLD);
        assertThat(ex01.authConfig().nextThumbprint()).isEqualTo(NEXT);
        assertThat(ex01.authConfig().nextEffectiveDate()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(ex01.server().name()).isEqualTo("EX01");
        assertThat(ex01.server().fqdn()).isEqualTo("ex01.contoso.lab");
        assertThat(ex01.server().version()).isEqualTo("Version 15.2 (Build 1544.4)");
        assertThat(ex01.server().roles()).containsExactly("Mailbox");
        assertThat(ex01.server().adSite()).isEqualTo("contoso.lab/Configuration/Sites/Default-First-Site-Name");
        assertThat(ex01.server().organization()).isEqualTo(ORG);
        assertThat(ex01.server().clockUtc()).as("a file has no live clock").isNull();
        assertThat(ex01.reachable()).isTrue();
    }

    @Test
    void fullPropertyExportsKeepWhatOnlyExchangeKnows() {
        HostFacts ex02 = facts.hosts().get("ex02");

        assertThat(ex02.authConfig().previousThumbprint()).as("empty <S> is unset").isNull();
        CertificateFacts current = ex02.certificate(CURRENT).orElseThrow();
        assertThat(current.thumbprint()).as("lower-case in the file, upper-case in the facts").isEqualTo(CURRENT);
        assertThat(current.hasPrivateKey()).isTrue();
        assertThat(current.services()).containsExactly("SMTP");
        assertThat(current.status()).isEqualTo("Valid");
        assertThat(current.friendlyName()).isEqualTo("Microsoft Exchange Server Auth Certificate");
        CertificateFacts old = ex02.certificate(OLD).orElseThrow();
        assertThat(old.hasPrivateKey()).isFalse();
        assertThat(old.services()).isEmpty();
        assertThat(old.notAfter()).isEqualTo(Instant.parse("2024-01-04T14:15:54Z"));
        assertThat(ex02.server().name()).as("no exchangeserver.xml: the folder name").isEqualTo("ex02");
        assertThat(ex02.server().fqdn()).as("from PSComputerName").isEqualTo("ex02.contoso.lab");
        assertThat(ex02.errors()).isEmpty();
    }

    @Test
    void convertToJsonFromWindowsPowerShell51() {
        HostFacts ex03 = facts.hosts().get("ex03");

        assertThat(ex03.authConfig().currentThumbprint()).isEqualTo(CURRENT);
        assertThat(ex03.authConfig().nextThumbprint()).isNull();
        assertThat(ex03.authConfig().nextEffectiveDate()).isNull();
        assertThat(ex03.server().organization()).isEqualTo(ORG);
        assertThat(ex03.certificates()).as("a lone object, not an array").singleElement().satisfies(c -> {
            assertThat(c.thumbprint()).isEqualTo(CURRENT);
            assertThat(c.notAfter()).isEqualTo(Instant.parse("2029-01-04T09:04:48Z"));
            assertThat(c.services()).as("AllowedServices 16").containsExactly("SMTP");
            assertThat(c.status()).as("CertificateStatus 1").isEqualTo("Valid");
            assertThat(c.hasPrivateKey()).isTrue();
        });
    }

    @Test
    void aFolderWithoutExportsIsAFailedHostNotAnAbort() {
        HostFacts ex04 = facts.hosts().get("ex04");

        assertThat(ex04.reachable()).isFalse();
        assertThat(ex04.errors()).singleElement().asString().startsWith("no authconfig.xml/.json or certificates.xml/.json in ");
    }

    @Test
    void aBrokenExportFailsOnlyItsHost(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("bad"));
        Files.writeString(dir.resolve("bad/certificates.xml"), "<Objs><Obj><Props><BA N=\"RawData\">AAAA</BA></Props></Obj></Objs>");
        Files.createDirectories(dir.resolve("evil"));
        Files.writeString(dir.resolve("evil/authconfig.xml"),
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Objs><S>&e;</S></Objs>");

        Facts f = new CapturedFactsReader().read(dir);

        assertThat(f.hosts().get("bad").errors()).singleElement().asString().contains("RawData is not an X.509 certificate");
        assertThat(f.hosts().get("evil").errors()).singleElement().asString().contains("not CLIXML").doesNotContain("root:");
    }

    @Test
    void aSavedFactsDocumentIsReadBack(@TempDir Path dir) throws Exception {
        FactsDocument.save(facts, dir);

        assertThat(new CapturedFactsReader().read(dir)).isEqualTo(facts);
        assertThat(new CapturedFactsReader().read(dir.resolve("facts.json"))).isEqualTo(facts);
    }

    @Test
    void anEmptyDirectorySaysWhatIsExpected(@TempDir Path dir) {
        assertThatThrownBy(() -> new CapturedFactsReader().read(dir))
                .isInstanceOf(FactsParseException.class)
                .hasMessageContaining("holds neither facts.json nor one folder per host");
        assertThatThrownBy(() -> new CapturedFactsReader().read(dir.resolve("nope")))
                .hasMessageEndingWith("nope: no such directory");
    }

    /** Found by FactsFuzzTest: a damaged RawData, or a /Date()/ beyond a long, escaped readHost as IllegalArgumentException. */
    @Test
    void aDamagedExportIsAFailedHostThatSaysWhy(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ex01"));
        Files.writeString(dir.resolve("ex01/certificates.json"), "[{\"RawData\": \"AAA=A\"}]");
        Files.createDirectories(dir.resolve("ex02"));
        Files.writeString(dir.resolve("ex02/authconfig.json"), "{\"NextCertificateEffectiveDate\": \"/Date(99999999999999999999)/\"}");
        Files.createDirectories(dir.resolve("ex03"));
        Files.writeString(dir.resolve("ex03/certificates.xml"), "<Objs><Obj><Props><BA N=\"RawData\">AAA=A</BA></Props></Obj></Objs>");
        Files.createDirectories(dir.resolve("ex04"));
        Files.writeString(dir.resolve("ex04/certificates.json"), "[{\"RawData\": []}]");

        Facts read = new CapturedFactsReader().read(dir);

        assertThat(read.hosts().get("ex01").reachable()).isFalse();
        assertThat(read.hosts().get("ex01").errors()).singleElement().asString()
                .endsWith("certificates.json: RawData is not base64 ('AAA=A')");
        assertThat(read.hosts().get("ex02").errors()).singleElement().asString()
                .endsWith("unreadable value: not a date: /Date(99999999999999999999)/");
        assertThat(read.hosts().get("ex03").errors()).singleElement().asString()
                .endsWith("certificates.xml: unreadable <BA> value 'AAA=A' (not base64)");
        // Found by FactsFuzzTest too: the JDK's "Could not parse certificate: java.io.IOException: Empty input" was shown.
        assertThat(read.hosts().get("ex04").errors()).singleElement().asString()
                .endsWith("certificates.json: RawData is not an X.509 certificate (it is empty): the export is damaged; export it again");
    }

    /** Found by FactsFuzzTest: a certificate exported without NotAfter (and without RawData) reached the planner undated. */
    @Test
    void aCertificateWithoutItsDatesIsAFailedHost(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ex01"));
        Files.writeString(dir.resolve("ex01/certificates.json"), "[{\"Thumbprint\": \"" + CURRENT + "\"}]");

        HostFacts ex01 = new CapturedFactsReader().read(dir).hosts().get("ex01");

        assertThat(ex01.reachable()).isFalse();
        assertThat(ex01.errors()).singleElement().asString().endsWith(": certificate 1 (448A9EDC\u2026) has no not_before date (and 1 more)");
    }
}
