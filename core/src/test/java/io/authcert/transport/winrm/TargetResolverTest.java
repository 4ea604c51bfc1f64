package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.diag.InputException;
import io.authcert.inventory.ConnectionVariables;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryLoader;
import io.authcert.transport.Target;
import io.authcert.vault.Secret;
import io.authcert.vault.VaultSecrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetResolverTest {

    /** What ansible-vault decrypts ex02's ansible_password to (see the vaulted test inventory). */
    private static final String VAULTED_PASSWORD = "S3cret-v12!";

    private final TargetResolver resolver = new TargetResolver();

    private static Map<String, Object> base() {
        Map<String, Object> v = new HashMap<>();
        v.put("ansible_user", "administrator");
        v.put("ansible_password", Secret.of("pw"));
        return v;
    }

    @Test
    void defaultsFollowAnsible() {
        Target t = resolver.resolve("ex01.contoso.com", base());
        assertThat(t.connection()).isEqualTo(Target.Connection.WINRM);
        assertThat(t.address()).isEqualTo("ex01.contoso.com");
        assertThat(t.scheme()).isEqualTo(Target.Scheme.HTTPS);
        assertThat(t.port()).isEqualTo(5986);
        assertThat(t.path()).isEqualTo("/wsman");
        assertThat(t.authTransport()).isEqualTo(Target.AuthTransport.BASIC);
        assertThat(t.validateServerCertificate()).isTrue();
        assertThat(t.operationTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(t.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.endpoint()).isEqualTo("https://ex01.contoso.com:5986/wsman");
    }

    @Test
    void port5985MeansHttpAndSchemeHttpMeansPort5985() {
        Map<String, Object> v = base();
        v.put("ansible_winrm_transport", "ntlm");
        v.put("ansible_port", 5985);
        assertThat(resolver.resolve("h", v).scheme()).isEqualTo(Target.Scheme.HTTP);
        Map<String, Object> w = base();
        w.put("ansible_winrm_transport", "ntlm");
        w.put("ansible_winrm_scheme", "http");
        assertThat(resolver.resolve("h", w).port()).isEqualTo(5985);
    }

    @Test
    void readsEveryVariable() {
        Map<String, Object> v = base();
        v.put("ansible_host", "10.0.0.5");
        v.put("ansible_port", "15986");
        v.put("ansible_winrm_path", "wsman-custom");
        v.put("ansible_winrm_server_cert_validation", "ignore");
        v.put("ansible_winrm_operation_timeout_sec", "60");
        v.put("ansible_winrm_read_timeout_sec", 70);
        v.put("ansible_user", "svc-authcert@contoso.com");
        v.put("ansible_winrm_transport", List.of("kerberos"));
        v.put("ansible_winrm_kerberos_hostname_override", "ex01.contoso.com");
        v.put("ansible_winrm_service", "WSMAN");
        v.put("ansible_winrm_kerberos_delegation", "yes");
        v.put("ansible_winrm_kinit_mode", "manual");
        Target t = resolver.resolve("ex01", v);
        assertThat(t.endpoint()).isEqualTo("https://10.0.0.5:15986/wsman-custom");
        assertThat(t.validateServerCertificate()).isFalse();
        assertThat(t.operationTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(t.readTimeout()).isEqualTo(Duration.ofSeconds(70));
        assertThat(t.authTransport()).isEqualTo(Target.AuthTransport.KERBEROS);
        assertThat(t.password().reveal()).isEqualTo("pw");
        assertThat(t.kerberos()).isEqualTo(new Target.KerberosOptions(Target.KinitMode.MANUAL, "WSMAN",
                "ex01.contoso.com", true));
        assertThat(t.kerberosService()).isEqualTo("WSMAN@ex01.contoso.com");
        assertThat(TargetResolver.VARIABLES).contains("ansible_winrm_kinit_mode", "ansible_winrm_service",
                "ansible_winrm_kerberos_hostname_override", "ansible_winrm_kerberos_delegation");
    }

    @Test
    void noVariableTheResolverReadsIsWarnedAboutAsAMisspelling() {
        assertThat(ConnectionVariables.KNOWN).containsAll(TargetResolver.VARIABLES);
    }

    @Test
    void aUserWithAnAtSignDefaultsToKerberos() {
        Map<String, Object> v = base();
        v.put("ansible_user", "admin@CONTOSO.COM");
        assertThat(resolver.resolve("h", v).authTransport()).isEqualTo(Target.AuthTransport.KERBEROS);
    }

    @Test
    void domainBackslashUserIsRefusedWithWhatToUseInstead() {
        Map<String, Object> v = base();
        v.put("ansible_user", "CONTOSO\\admin");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.diagnostics()).hasSize(1);
            assertThat(e.diagnostics().get(0).message()).contains("ex01", "DOMAIN\\user");
            assertThat(e.diagnostics().get(0).hint()).contains("admin@CONTOSO", "kerberos", "basic");
        });
    }

    @Test
    void credsspIsRefusedSayingWhatWorks() {
        Map<String, Object> v = base();
        v.put("ansible_winrm_transport", "credssp");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.diagnostics().get(0).message()).contains("not supported", "CredSSP");
            assertThat(e.diagnostics().get(0).hint()).contains("ntlm", "basic", "kerberos", "HTTPS");
        });
    }

    @Test
    void ntlmTakesEveryUserFormAndEncryptsOverHttpOnlyByDefault() {
        for (String user : List.of("CONTOSO\\svc", "svc@CONTOSO.COM", "svc")) {
            Map<String, Object> v = base();
            v.put("ansible_user", user);
            v.put("ansible_winrm_transport", "ntlm");
            v.put("ansible_winrm_scheme", "http");
            Target http = resolver.resolve("ex01", v);
            assertThat(http.authTransport()).isEqualTo(Target.AuthTransport.NTLM);
            assertThat(http.encryptsMessages()).as("auto over HTTP").isTrue();
            v.put("ansible_winrm_scheme", "https");
            assertThat(resolver.resolve("ex01", v).encryptsMessages()).as("auto over HTTPS").isFalse();
        }
    }

    @Test
    void negotiateIsNtlmWhereKerberosCannotBeAndDecidedAtRunTimeElsewhere() {
        record Case(String user, String host, Target.AuthTransport expected) {
        }
        for (Case c : List.of(
                new Case("CONTOSO\\svc", "ex01.contoso.com", Target.AuthTransport.NTLM),
                new Case("svc", "ex01.contoso.com", Target.AuthTransport.NTLM),
                new Case("svc@CONTOSO.COM", "10.0.0.5", Target.AuthTransport.NTLM),
                new Case("svc@CONTOSO.COM", "fe80::5", Target.AuthTransport.NTLM),
                new Case("svc@CONTOSO.COM", "ex01.contoso.com", Target.AuthTransport.NEGOTIATE))) {
            Map<String, Object> v = base();
            v.put("ansible_user", c.user());
            v.put("ansible_host", c.host());
            v.put("ansible_winrm_transport", "negotiate");
            v.put("ansible_winrm_scheme", "http");
            Target t = resolver.resolve("ex01", v);
            assertThat(t.authTransport()).as(c.toString()).isEqualTo(c.expected());
            assertThat(t.encryptsMessages()).as("auto over HTTP").isTrue();
        }
        Map<String, Object> v = base();
        v.put("ansible_user", "svc@CONTOSO.COM");
        v.put("ansible_host", "10.0.0.5");
        v.put("ansible_winrm_transport", "negotiate");
        v.put("ansible_winrm_kerberos_hostname_override", "ex01.contoso.com");
        assertThat(resolver.resolve("ex01", v).authTransport()).as("an address with the server's name for Kerberos")
                .isEqualTo(Target.AuthTransport.NEGOTIATE);
    }

    @Test
    void kerberosEncryptsOverHttpByDefaultAndTakesAlwaysAndNever() {
        Map<String, Object> v = base();
        v.put("ansible_user", "svc@contoso.com");
        v.put("ansible_winrm_scheme", "http");
        Target http = resolver.resolve("ex01.contoso.com", v);
        assertThat(http.authTransport()).isEqualTo(Target.AuthTransport.KERBEROS);
        assertThat(http.encryptsMessages()).as("auto over HTTP").isTrue();
        v.put("ansible_winrm_scheme", "https");
        assertThat(resolver.resolve("ex01.contoso.com", v).encryptsMessages()).as("auto over HTTPS").isFalse();
        v.put("ansible_winrm_message_encryption", "always");
        assertThat(resolver.resolve("ex01.contoso.com", v).encryptsMessages()).as("always over HTTPS").isTrue();
        v.put("ansible_winrm_scheme", "http");
        v.put("ansible_winrm_message_encryption", "never");
        assertThat(resolver.resolve("ex01.contoso.com", v).encryptsMessages()).as("never over HTTP").isFalse();
    }

    @Test
    void kerberosWithoutAPasswordUsesTheUsersOwnTicketAsAnsibleDoes() {
        Map<String, Object> v = new HashMap<>(Map.of("ansible_user", "svc@CONTOSO.COM"));
        Target t = resolver.resolve("ex01.contoso.com", v);
        assertThat(t.kerberos().kinitMode()).isEqualTo(Target.KinitMode.MANUAL);
        assertThat(t.password()).isNull();
        Target anyone = resolver.resolve("ex01.contoso.com", Map.of("ansible_winrm_transport", "kerberos"));
        assertThat(anyone.user()).as("whoever the ticket cache holds").isNull();
        assertThat(resolver.resolve("ex01.contoso.com", base()).kerberos().kinitMode())
                .as("a password means managed").isEqualTo(Target.KinitMode.MANAGED);
    }

    @Test
    void managedKerberosWithoutAPasswordIsRefusedSayingWhatToSet() {
        Map<String, Object> v = new HashMap<>(Map.of("ansible_user", "svc@CONTOSO.COM", "ansible_winrm_kinit_mode", "managed"));
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.message()).contains("managed", "no ansible_password");
                assertThat(d.hint()).contains("ansible_password", "manual", "kinit");
            });
        });
        v.put("ansible_winrm_transport", "ntlm");
        v.remove("ansible_winrm_kinit_mode");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).as("NTLM has no ticket to fall back on")
                .hasMessageContaining("no ansible_password");
    }

    @Test
    void kerberosToAnIpAddressNeedsTheServersNameForItsTicket() {
        Map<String, Object> v = base();
        v.put("ansible_user", "svc@CONTOSO.COM");
        v.put("ansible_host", "127.0.0.1");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e ->
                assertThat(e.diagnostics()).singleElement().satisfies(d -> {
                    assertThat(d.message()).contains("ansible_host '127.0.0.1' is an IP address", "HTTP/name");
                    assertThat(d.hint()).contains("ansible_winrm_kerberos_hostname_override", "negotiate");
                }));
        v.put("ansible_winrm_kerberos_hostname_override", "ex01.contoso.local");
        Target t = resolver.resolve("ex01", v);
        assertThat(t.address()).isEqualTo("127.0.0.1");
        assertThat(t.kerberosService()).isEqualTo("HTTP@ex01.contoso.local");
    }

    @Test
    void badKerberosVariablesAreReportedTogetherWithWhatToWrite() {
        Map<String, Object> v = base();
        v.put("ansible_user", "svc@CONTOSO.COM");
        v.put("ansible_winrm_kinit_mode", "auto");
        v.put("ansible_winrm_service", "HTTP/ex01");
        v.put("ansible_winrm_kerberos_hostname_override", "https://ex01");
        v.put("ansible_winrm_kerberos_delegation", Secret.of("maybe"));
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.diagnostics()).extracting(d -> d.message()).containsExactlyInAnyOrder(
                    "host ex01: ansible_winrm_kinit_mode: 'auto' is neither managed nor manual",
                    "host ex01: ansible_winrm_service 'HTTP/ex01' is not a Kerberos service name",
                    "host ex01: ansible_winrm_kerberos_hostname_override 'https://ex01' is not a host name",
                    "host ex01: ansible_winrm_kerberos_delegation: (vaulted) is not a boolean");
            assertThat(e.diagnostics()).allSatisfy(d -> assertThat(d.hint()).isNotBlank());
        });
    }

    @Test
    void messageEncryptionAlwaysAndNeverOverrideTheScheme() {
        Map<String, Object> v = base();
        v.put("ansible_winrm_transport", "ntlm");
        v.put("ansible_winrm_scheme", "https");
        v.put("ansible_winrm_message_encryption", "always");
        assertThat(resolver.resolve("ex01", v).encryptsMessages()).isTrue();
        v.put("ansible_winrm_scheme", "http");
        v.put("ansible_winrm_message_encryption", "never");
        assertThat(resolver.resolve("ex01", v).encryptsMessages()).isFalse();
    }

    @Test
    void encryptionAlwaysWithBasicIsRefused() {
        Map<String, Object> v = base();
        v.put("ansible_winrm_message_encryption", "always");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.diagnostics().get(0).message()).contains("basic cannot encrypt messages");
            assertThat(e.diagnostics().get(0).hint()).contains("ntlm or kerberos");
        });
        v.put("ansible_winrm_message_encryption", "sometimes");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOf(InputException.class)
                .hasMessageContaining("auto, always or never");
    }

    @Test
    void everyProblemIsReportedAtOnceAndNoSecretIsShown() {
        Map<String, Object> v = new HashMap<>();
        v.put("ansible_password", Secret.of("hunter2"));
        v.put("ansible_winrm_scheme", "ftp");
        v.put("ansible_winrm_operation_timeout_sec", 40);
        v.put("ansible_winrm_read_timeout_sec", 30);
        v.put("ansible_port", "abc");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.diagnostics()).hasSize(4);
            assertThat(e.diagnostics().toString()).doesNotContain("hunter2");
        });
    }

    @Test
    void basicWithAnAtSignUserIsAContradiction() {
        Map<String, Object> v = base();
        v.put("ansible_user", "admin@contoso.com");
        v.put("ansible_winrm_transport", "basic");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOf(InputException.class)
                .hasMessageContaining("contains @");
    }

    @Test
    void basicOverPlainHttpIsRefusedSayingWhatToDoInstead() {
        for (String transport : new String[] {null, "basic", "plaintext"}) {
            Map<String, Object> v = base();
            v.put("ansible_password", Secret.of("hunter2"));
            v.put("ansible_port", 5985);
            if (transport != null) {
                v.put("ansible_winrm_transport", transport);
            }
            assertThatThrownBy(() -> resolver.resolve("ex01", v)).as(String.valueOf(transport))
                    .isInstanceOfSatisfying(InputException.class, e -> {
                        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
                            assertThat(d.message()).contains("ex01", "Basic", "plain HTTP", "password", "readable");
                            assertThat(d.hint()).contains("ansible_winrm_transport: ntlm", "domain account",
                                    "ansible_winrm_scheme: https", "authcert_allow_basic_over_http: true");
                        });
                        assertThat(e.getMessage() + e.diagnostics()).doesNotContain("hunter2");
                    });
        }
    }

    @Test
    void aHostThatOptsInGetsBasicOverPlainHttpAndTheTargetSaysSo() {
        for (Object yes : List.of(Boolean.TRUE, "true", "yes", "True")) {
            Map<String, Object> v = base();
            v.put("ansible_winrm_scheme", "http");
            v.put(TargetResolver.ALLOW_BASIC_OVER_HTTP, yes);
            Target t = resolver.resolve("ex01", v);
            assertThat(t.authTransport()).as(String.valueOf(yes)).isEqualTo(Target.AuthTransport.BASIC);
            assertThat(t.basicOverPlainHttp()).as(String.valueOf(yes)).isTrue();
        }
        Map<String, Object> no = base();
        no.put("ansible_winrm_scheme", "http");
        no.put(TargetResolver.ALLOW_BASIC_OVER_HTTP, false);
        assertThatThrownBy(() -> resolver.resolve("ex01", no)).hasMessageContaining("plain HTTP");
    }

    @Test
    void basicOverHttpsAndNtlmOverHttpNeedNoOptIn() {
        Map<String, Object> https = base();
        assertThat(resolver.resolve("ex01", https).basicOverPlainHttp()).isFalse();
        Map<String, Object> ntlm = base();
        ntlm.put("ansible_user", "CONTOSO\\administrator");
        ntlm.put("ansible_winrm_transport", "ntlm");
        ntlm.put("ansible_winrm_scheme", "http");
        Target t = resolver.resolve("ex01", ntlm);
        assertThat(t.basicOverPlainHttp()).isFalse();
        assertThat(t.encryptsMessages()).isTrue();
    }

    @Test
    void anOptInThatIsNoBooleanIsRefused() {
        Map<String, Object> v = base();
        v.put("ansible_winrm_scheme", "http");
        v.put(TargetResolver.ALLOW_BASIC_OVER_HTTP, "maybe");
        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e ->
                assertThat(e.diagnostics()).singleElement().satisfies(d -> {
                    assertThat(d.message()).contains("authcert_allow_basic_over_http: 'maybe'", "neither true nor false");
                    assertThat(d.hint()).contains("authcert_allow_basic_over_http: true");
                }));
    }

    @Test
    void localConnectionNeedsNoCredentials() {
        Target t = resolver.resolve("ex01", Map.of("ansible_connection", "local"));
        assertThat(t.connection()).isEqualTo(Target.Connection.LOCAL);
        assertThat(t.powershellExecutable()).isEqualTo("powershell.exe");
    }

    @Test
    void aVaultedPasswordFromTheInventoryIsDecryptedIntoTheTarget() {
        Path dir = Path.of("core/src/test/resources/io/authcert/inventory");
        Inventory inventory = new InventoryLoader().load(List.of(dir.resolve("vaulted")),
                VaultSecrets.fromFile(dir.resolve("vault-password.txt")));
        Map<String, Object> vars = new HashMap<>(inventory.host("ex02.corp.example").orElseThrow().vars());
        vars.put("ansible_user", "svc-authcert");
        Target t = resolver.resolve("ex02.corp.example", vars);
        assertThat(t.password().reveal()).isEqualTo(VAULTED_PASSWORD);
        assertThat(t.toString()).doesNotContain(VAULTED_PASSWORD);
    }

    @Test
    void vaultedSettingsAreNeverDecryptedIntoAnErrorMessage() {
        Map<String, Object> v = new HashMap<>();
        v.put("ansible_user", Secret.of("CORPX\\svc-vaulted"));
        v.put("ansible_password", "Clear-Pw-in-inventory");
        v.put("ansible_winrm_scheme", Secret.of("vaulted-scheme"));
        v.put("ansible_winrm_server_cert_validation", Secret.of("vaulted-validation"));
        v.put("ansible_winrm_transport", Secret.of("vaulted-transport"));
        v.put("ansible_winrm_ca_trust_path", Secret.of("/vaulted/ca.pem"));
        v.put("ansible_winrm_read_timeout_sec", Secret.of("vaulted-timeout"));

        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            String shown = e.getMessage() + e.diagnostics();
            assertThat(e.diagnostics()).hasSize(6);
            assertThat(shown).contains("ansible_user (vaulted) has the DOMAIN\\user form")
                    .contains("ansible_winrm_scheme: (vaulted)").contains("ansible_winrm_transport: (vaulted)")
                    .doesNotContain("vaulted-").doesNotContain("CORPX").doesNotContain("svc-vaulted")
                    .doesNotContain("/vaulted/").doesNotContain("Clear-Pw");
        });
    }

    @Test
    void aVaultedPortIsReadAsANumber() {
        Map<String, Object> v = base();
        v.put("ansible_winrm_transport", "ntlm");
        v.put("ansible_port", Secret.of("5985"));
        assertThat(resolver.resolve("ex01", v).port()).isEqualTo(5985);
    }

    @Test
    void aPortHostOrPathNoUrlCanCarryIsRefusedBeforeAnythingIsSent() {
        Map<String, Object> v = base();
        v.put("ansible_port", 99999);
        v.put("ansible_host", "bad host name");
        v.put("ansible_winrm_path", "a b");

        assertThatThrownBy(() -> resolver.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.diagnostics()).extracting(d -> d.message()).containsExactlyInAnyOrder(
                    "host ex01: ansible_port: '99999' is not a TCP port",
                    "host ex01: ansible_host 'bad host name' is not a host name or IP address",
                    "host ex01: ansible_winrm_path '/a b' is not a URL path");
            assertThat(e.diagnostics()).allSatisfy(d -> assertThat(d.hint()).isNotBlank());
        });
    }

    @Test
    void ipAddressesAndDnsNamesAreAcceptedAsHosts() {
        for (String address : List.of("10.0.0.5", "ex01.corp.example", "fe80::1", "[fe80::1]", "EX01")) {
            Map<String, Object> v = base();
            v.put("ansible_host", address);
            assertThat(resolver.resolve("ex01", v).address()).as(address).isEqualTo(address);
        }
    }

    private static final io.authcert.diag.SourceLocation ENV_AT = new io.authcert.diag.SourceLocation("group_vars/exchange.yml", 3, 1);
    private static final io.authcert.diag.SourceLocation PASSWORD_AT = new io.authcert.diag.SourceLocation("hosts.yml", 9, 11);

    private static TargetResolver withEnvironment(Map<String, String> env) {
        return new TargetResolver(io.authcert.vault.PasswordSources.reading(env,
                new io.authcert.vault.SecretCommand(Duration.ofSeconds(5))));
    }

    private static Map<String, Object> fromSource(String variable, Object value) {
        Map<String, Object> v = new HashMap<>();
        v.put("ansible_user", "CONTOSO\\svc-authcert");
        v.put("ansible_winrm_transport", "ntlm");
        v.put(variable, value);
        return v;
    }

    @Test
    void thePasswordMayComeFromAnEnvironmentVariableOrACommand() {
        TargetResolver env = withEnvironment(Map.of("EXCH_ADMIN_PASSWORD", "from-env", "PATH", "/usr/bin:/bin"));

        assertThat(env.resolve("ex01", fromSource("authcert_password_env", "EXCH_ADMIN_PASSWORD")).password().reveal())
                .isEqualTo("from-env");
        assertThat(env.resolve("ex01", fromSource("authcert_password_command", List.of("/bin/echo", "from-command")))
                .password().reveal()).isEqualTo("from-command");
        assertThat(env.resolve("ex01", fromSource("authcert_password_command", "echo from-shell")).password().reveal())
                .isEqualTo("from-shell");
    }

    @Test
    void aPasswordFromASourceMakesKerberosLogOnWithIt() {
        Map<String, Object> v = fromSource("authcert_password_env", "EXCH_ADMIN_PASSWORD");
        v.put("ansible_user", "svc@CONTOSO.COM");
        v.put("ansible_winrm_transport", "kerberos");

        Target t = withEnvironment(Map.of("EXCH_ADMIN_PASSWORD", "pw")).resolve("ex01.contoso.com", v);

        assertThat(t.kerberos().kinitMode()).isEqualTo(Target.KinitMode.MANAGED);
    }

    @Test
    void anUnsetVariableNamesTheHostTheVariableAndWhereItWasSet() {
        TargetResolver env = withEnvironment(Map.of());
        Map<String, Object> v = fromSource("authcert_password_env", "EXCH_ADMIN_PASSWORD");

        assertThatThrownBy(() -> env.resolve("ex01", v, Map.of("authcert_password_env", ENV_AT)))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.diagnostics()).as("one problem: no second one for the missing password").hasSize(1);
                    io.authcert.diag.Diagnostic d = e.diagnostics().get(0);
                    assertThat(d.location()).isEqualTo(ENV_AT);
                    assertThat(d.message()).isEqualTo("host ex01: authcert_password_env: the environment variable"
                            + " EXCH_ADMIN_PASSWORD is not set");
                    assertThat(d.hint()).contains("export EXCH_ADMIN_PASSWORD");
                });
    }

    @Test
    void aFailingCommandIsNamedByItsProgramWithoutItsOutput() {
        TargetResolver env = withEnvironment(Map.of("PATH", "/usr/bin:/bin"));
        Map<String, Object> v = fromSource("authcert_password_command", "echo Leaked-Pw; exit 4");

        assertThatThrownBy(() -> env.resolve("ex01", v)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.diagnostics().get(0).message()).isEqualTo("host ex01: authcert_password_command: echo exited with status 4");
            assertThat(e.diagnostics().toString()).doesNotContain("Leaked-Pw");
        });
    }

    @Test
    void aPasswordGivenTwiceIsRefusedNamingBothPlaces() {
        TargetResolver env = withEnvironment(Map.of("EXCH_ADMIN_PASSWORD", "pw"));
        Map<String, Object> v = fromSource("authcert_password_env", "EXCH_ADMIN_PASSWORD");
        v.put("ansible_password", Secret.of("pw"));
        Map<String, Object> both = fromSource("authcert_password_env", "EXCH_ADMIN_PASSWORD");
        both.put("authcert_password_command", "pass show exchange/admin");

        assertThatThrownBy(() -> env.resolve("ex01", v, Map.of("authcert_password_env", ENV_AT, "ansible_password", PASSWORD_AT)))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    io.authcert.diag.Diagnostic d = e.diagnostics().get(0);
                    assertThat(d.message()).isEqualTo("host ex01: the password is given more than once: ansible_password"
                            + " (hosts.yml:9:11), authcert_password_env (group_vars/exchange.yml:3:1); authcert uses one and"
                            + " will not choose");
                    assertThat(d.location()).isEqualTo(ENV_AT);
                    assertThat(d.hint()).contains("keep one", "null");
                });
        assertThatThrownBy(() -> env.resolve("ex01", both)).isInstanceOfSatisfying(InputException.class, e ->
                assertThat(e.diagnostics().get(0).message()).contains("authcert_password_env, authcert_password_command"));
        Map<String, Object> overridden = fromSource("authcert_password_env", null);
        overridden.put("ansible_password", Secret.of("explicit"));
        assertThat(env.resolve("ex01", overridden).password().reveal()).as("a null source is no source").isEqualTo("explicit");
    }
}
