package io.authcert.transport.winrm.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which krb5.conf the JDK is pointed at: the one kinit used (KRB5_CONFIG), unless the JVM was given one. */
class Krb5ConfigTest {

    @TempDir
    Path dir;

    @Test
    void krb5ConfigIsWhatTheJdkReadsWhenTheJvmWasGivenNone() throws Exception {
        Path conf = Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n");
        assertThat(Krb5Config.choose(null, conf.toString())).contains(conf);
    }

    @Test
    void theJvmsOwnPropertyWinsAndNoVariableMeansTheJdkDefault() throws Exception {
        Path conf = Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n");
        assertThat(Krb5Config.choose("/etc/other-krb5.conf", conf.toString())).isEmpty();
        assertThat(Krb5Config.choose(null, null)).isEmpty();
        assertThat(Krb5Config.choose(null, " ")).isEmpty();
    }

    @Test
    void aListOfFilesOrAMissingFileIsRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> Krb5Config.choose(null, "/etc/krb5.conf:/etc/krb5.d/ad.conf"))
                .isInstanceOfSatisfying(KerberosException.class, e -> {
                    assertThat(e.reason()).isEqualTo(KerberosException.Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("several files", "merge them into one");
                });
        assertThatThrownBy(() -> Krb5Config.choose(null, dir.resolve("absent.conf").toString()))
                .isInstanceOf(KerberosException.class).hasMessageContaining("not a readable file");
    }
}
