package io.authcert.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A playbook's own handlers never silently drop the runbook's OWA/ECP recycles: validate (the loader) warns. */
class RunbookRestartsCheckTest {

    @TempDir
    Path dir;

    private List<Diagnostic> warnings(String handlers) throws IOException {
        Path file = dir.resolve("p.yml");
        Files.writeString(file, """
                - hosts: exchange
                  tasks:
                    - name: Auth certificate
                      exchange_auth_certificate: {}
                      notify: auth certificate changed
                  handlers:
                """ + handlers);
        return new PlaybookLoader().loadWithDetails(file, Map.of()).warnings();
    }

    @Test
    void aServiceRestartHandlerAloneIsWarnedAboutForBothPoolsAtTheTask() throws IOException {
        List<Diagnostic> warnings = warnings("""
                    - name: restart service host
                      service_restart: {name: MSExchangeServiceHost}
                      listen: auth certificate changed
                """);

        assertThat(warnings).extracting(Diagnostic::message).anyMatch(m -> m.contains("no handler recycles MSExchangeOWAAppPool"))
                .anyMatch(m -> m.contains("no handler recycles MSExchangeECPAppPool"))
                .noneMatch(m -> m.contains("MSExchangeServiceHost"));
        assertThat(warnings).allSatisfy(w -> assertThat(w.location().line()).isEqualTo(3));
    }

    @Test
    void theRunbooksThreeHandlersGiveNoWarning() throws IOException {
        List<Diagnostic> warnings = warnings("""
                    - name: restart service host
                      service_restart: {name: MSExchangeServiceHost}
                      listen: auth certificate changed
                    - name: owa
                      app_pool_recycle: {name: msexchangeowaapppool}
                      listen: auth certificate changed
                    - name: ecp
                      app_pool_recycle: {name: MSExchangeECPAppPool}
                      listen: auth certificate changed
                """);

        assertThat(warnings).extracting(Diagnostic::message).noneMatch(m -> m.contains("runbook"));
    }

    @Test
    void poolsWithoutTheServiceHostRestartAreWarnedAboutTheServiceHost() throws IOException {
        List<Diagnostic> warnings = warnings("""
                    - name: owa
                      app_pool_recycle: {name: MSExchangeOWAAppPool}
                      listen: auth certificate changed
                    - name: ecp
                      app_pool_recycle: {name: MSExchangeECPAppPool}
                      listen: auth certificate changed
                """);

        assertThat(warnings).extracting(Diagnostic::message).singleElement().asString()
                .contains("no handler restarts MSExchangeServiceHost");
    }
}
