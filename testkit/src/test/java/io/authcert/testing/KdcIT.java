package io.authcert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class KdcIT {

    @Test
    void kinitWithThePasswordGetsATicketThatKlistShows(Kdc kdc) throws Exception {
        kdc.kinit();
        String klist = kdc.runClient("", "klist");
        assertThat(klist).contains("Default principal: administrator@CONTOSO.LOCAL")
                .contains("krbtgt/CONTOSO.LOCAL@CONTOSO.LOCAL")
                .contains(kdc.credentialCache().toString());
    }

    @Test
    void everyLabHostHasAKeytabWithItsHttpServicePrincipal(Kdc kdc) throws Exception {
        for (String host : Kdc.LAB_HOSTS) {
            String listing = kdc.runClient("", "klist", "-k", kdc.serviceKeytab(host).toString());
            assertThat(listing).contains("HTTP/" + host + "@CONTOSO.LOCAL");
        }
    }

    @Test
    void aCombinedKeytabHoldsEveryHostsKeyAtTheSameVersion(Kdc kdc) throws Exception {
        String combined = kdc.runClient("", "klist", "-k", kdc.serviceKeytab(Kdc.LAB_HOSTS).toString());
        for (String host : Kdc.LAB_HOSTS) {
            String single = kdc.runClient("", "klist", "-k", kdc.serviceKeytab(host).toString());
            String entry = single.lines().filter(l -> l.contains("HTTP/" + host)).findFirst().orElseThrow();
            assertThat(combined).as("the key version and name of " + host).contains(entry.strip());
        }
    }

    @Test
    void krb5ConfNamesOnlyTheLoopbackKdcOverTcp(Kdc kdc) throws Exception {
        String conf = Files.readString(kdc.krb5Conf());
        assertThat(conf).contains("kdc = 127.0.0.1:" + kdc.port()).contains("udp_preference_limit = 1")
                .contains("dns_lookup_kdc = false");
        assertThat(System.getProperty("java.security.krb5.conf")).isEqualTo(kdc.krb5Conf().toString());
    }

    @Test
    void aPrivateKdcStartsQuicklyAndLeavesNoProcessWhenClosed(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        Kdc kdc = Kdc.start(dir, "FABRIKAM.LOCAL", List.of("ex09.fabrikam.local"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(kdc.isRunning()).isTrue();
        kdc.close();
        assertThat(kdc.isRunning()).isFalse();
        assertThat(millis).as("start-up in ms").isLessThan(5_000);
    }
}
