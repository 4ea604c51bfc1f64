package io.authcert.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.cli.Main;
import io.authcert.cli.Terminal;
import io.authcert.lab.testing.KerberosWinRm;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine lab up --keytab FILE --krb5-conf FILE}: the servers accept Kerberos with the realm's keys. */
@Requires({RequiredTool.KRB5_KDC, RequiredTool.PYTHON_GSSAPI, RequiredTool.PYWINRM})
@ExtendWith(KdcExtension.class)
class LabUpKerberosIT {

    private static final String SCRIPT = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "(Get-AuthConfig).CurrentCertificateThumbprint\n";

    @Test
    void labUpWithAKeytabAcceptsSealedKerberos(Kdc kdc, @TempDir Path dir) throws Exception {
        kdc.kinit();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        String keytab = kdc.serviceKeytab(Kdc.LAB_HOSTS).toString();
        Thread engine = new Thread(() -> exit.set(Main.run(new String[] {"lab", "up", "--servers", "2", "--scenario",
                "healthy", "--inventory-out", dir.resolve("lab.yml").toString(), "--speed", "0",
                "--keytab", keytab, "--krb5-conf", kdc.krb5Conf().toString()},
                Terminal.plain(new PrintWriter(out, true), new PrintWriter(err, true)))));
        engine.start();
        try {
            assertThat(eventually(() -> out.toString().contains("lab ready"))).as("stderr: %s", err).isTrue();
            assertThat(err.toString()).contains("kerberos: realm CONTOSO.LOCAL, keytab ")
                    .contains("tickets for HTTP/<server>.contoso.local@CONTOSO.LOCAL");
            Matcher ex02 = Pattern.compile("ex02  (http://\\S+)").matcher(err.toString());
            assertThat(ex02.find()).isTrue();

            KerberosWinRm.Result r = KerberosWinRm.run(kdc, KerberosWinRm.Job.gssapi(ex02.group(1), "ex02.contoso.local",
                    "spnego", SCRIPT));

            assertThat(r.error()).isNull();
            assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
        } finally {
            engine.interrupt();
            engine.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(exit.get()).isZero();
    }

    @Test
    void aMissingKeytabOrKerberosOptionsWithoutOneAreClearErrors(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int missing = Main.run(new String[] {"lab", "up", "--servers", "1", "--inventory-out", dir.resolve("a.yml").toString(),
                "--keytab", dir.resolve("nope.keytab").toString()}, Terminal.plain(new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)));
        assertThat(missing).isEqualTo(1);
        assertThat(err.toString()).contains("nope.keytab is not a readable file").contains("ktadd -k FILE HTTP/ex01.contoso.local");

        StringWriter err2 = new StringWriter();
        int noKeytab = Main.run(new String[] {"lab", "up", "--realm", "CONTOSO.LOCAL"},
                Terminal.plain(new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true)));
        assertThat(noKeytab).isEqualTo(1);
        assertThat(err2.toString()).contains("also give --keytab FILE");
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static boolean eventually(Condition c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (c.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return c.holds();
    }
}
