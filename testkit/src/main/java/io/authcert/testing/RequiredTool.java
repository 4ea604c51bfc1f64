package io.authcert.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An outside program some tests need, how to tell it is there, and the one command that installs it.
 * Tests name it with {@link Requires}: run when it is there, skipped with the install command when it
 * is not, and failed under {@code CI=true}, where {@code .ci/run} installs every one of them.
 */
public enum RequiredTool {
    PYWINRM("pywinrm (python3-winrm)", "apt-get install python3-winrm",
            List.of("/usr/bin/python3", "-c", "import winrm")),
    KRB5_KDC("MIT Kerberos KDC (krb5kdc, kdb5_util, kadmin.local, kinit)",
            "apt-get install krb5-kdc krb5-admin-server krb5-user",
            List.of("/bin/sh", "-c", "test -x /usr/sbin/krb5kdc && test -x /usr/sbin/kdb5_util"
                    + " && test -x /usr/sbin/kadmin.local && command -v kinit && command -v klist")),
    PYTHON_GSSAPI("python-gssapi (python3-gssapi)", "apt-get install python3-gssapi",
            List.of("/usr/bin/python3", "-c", "import gssapi")),
    ANSIBLE_CORE("ansible-core (ansible-vault, ansible-inventory)", "apt-get install ansible-core",
            List.of("/bin/sh", "-c", "command -v ansible-vault && command -v ansible-inventory")),
    PROMETHEUS_CLIENT("the Prometheus Python client's text-format parser (python3-prometheus-client)",
            "apt-get install python3-prometheus-client",
            List.of("/usr/bin/python3", "-c", "import prometheus_client.parser")),
    SYSTEMD_ANALYZE("systemd-analyze (systemd)", "apt-get install systemd",
            List.of("/bin/sh", "-c", "command -v systemd-analyze"));

    private final String title;
    private final String install;
    private final List<String> probe;
    private volatile Boolean present;

    RequiredTool(String title, String install, List<String> probe) {
        this.title = title;
        this.install = install;
        this.probe = probe;
    }

    public String title() {
        return title;
    }

    public String installCommand() {
        return install;
    }

    /** Whether the probe command runs and exits 0 (asked once per JVM). */
    public boolean isPresent() {
        Boolean known = present;
        if (known == null) {
            known = runsCleanly();
            present = known;
        }
        return known;
    }

    private boolean runsCleanly() {
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The sentence a skipped or failed test shows. */
    public String missingMessage() {
        return title + " is not installed; install it with: " + install;
    }
}
