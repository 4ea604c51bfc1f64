package io.authcert.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.facts.HttpOwaSignInProbe;
import io.authcert.facts.OwaHealth;
import io.authcert.facts.OwaHealthProbe;
import io.authcert.facts.OwaSignInProbe;
import io.authcert.facts.OwaSignInTarget;
import io.authcert.inventory.InventoryHost;
import io.authcert.vault.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthVerifierTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> asked = new ArrayList<>();

    /** ex02's OWA answers 500 three times, then 200 (the app pool picking the certificate up). */
    private final OwaHealthProbe probe = (url, timeout) -> {
        asked.add(url);
        boolean slow = url.contains("ex02");
        long ex02Asks = asked.stream().filter(u -> u.contains("ex02")).count();
        return slow && ex02Asks <= 3 ? new OwaHealth(url, OwaHealth.Status.UNHEALTHY, "HTTP 500")
                : new OwaHealth(url, OwaHealth.Status.HEALTHY, "HTTP 200");
    };

    private Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("ex01", "http://ex01/owa/healthcheck.htm");
        urls.put("ex02", "http://ex02/owa/healthcheck.htm");
        urls.put("ex03", null);
        return urls;
    }

    @Test
    void retriesOnlyUnhealthyHostsUntilTheyAreHealthy() throws Exception {
        HealthVerifier verifier = new HealthVerifier(probe, new HttpOwaSignInProbe(), clock, clock.sleeper(), Duration.ofSeconds(5), Duration.ofSeconds(2));

        Map<String, OwaHealth> health = verifier.untilHealthy(urls(), Duration.ofMinutes(1));

        assertThat(health.get("ex01").status()).isEqualTo(OwaHealth.Status.HEALTHY);
        assertThat(health.get("ex02").status()).isEqualTo(OwaHealth.Status.HEALTHY);
        assertThat(health.get("ex03").status()).isEqualTo(OwaHealth.Status.NOT_CONFIGURED);
        assertThat(asked.stream().filter(u -> u.contains("ex01"))).hasSize(1);
        assertThat(asked.stream().filter(u -> u.contains("ex02"))).hasSize(4);
    }

    @Test
    void givesUpAtTheTimeoutWithTheLastAnswer() throws Exception {
        HealthVerifier verifier = new HealthVerifier(probe, new HttpOwaSignInProbe(), clock, clock.sleeper(), Duration.ofSeconds(5), Duration.ofSeconds(2));

        Map<String, OwaHealth> health = verifier.untilHealthy(urls(), Duration.ofSeconds(10));

        assertThat(health.get("ex02").status()).isEqualTo(OwaHealth.Status.UNHEALTHY);
        assertThat(health.get("ex02").detail()).isEqualTo("HTTP 500");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
    }

    @Test
    void signInIsCheckedOnlyWithATestMailboxAndOtherwiseSaysWhyNot() throws Exception {
        List<String> signedIn = new ArrayList<>();
        OwaSignInProbe signIn = (target, timeout) -> {
            signedIn.add(target.url());
            return new OwaHealth(target.url(), OwaHealth.Status.HEALTHY, "signed in (HTTP 302, cadata cookies)");
        };
        HealthVerifier verifier = new HealthVerifier(probe, signIn, clock, clock.sleeper(), Duration.ofSeconds(5), Duration.ofSeconds(2));
        Map<String, OwaSignInTarget> targets = new LinkedHashMap<>();
        targets.put("ex01", new OwaSignInTarget("http://ex01/owa/auth.owa", "u",
                Secret.of("p"), null, null));
        targets.put("ex02", OwaSignInTarget.of(new InventoryHost("ex02", Map.of())));

        Map<String, OwaHealth> result = verifier.untilSignedIn(targets, Duration.ofMinutes(1));

        assertThat(result.get("ex01").status()).isEqualTo(OwaHealth.Status.HEALTHY);
        assertThat(result.get("ex02").status()).isEqualTo(OwaHealth.Status.NOT_CONFIGURED);
        assertThat(result.get("ex02").detail()).startsWith("sign-in not checked: no owa_probe_user");
        assertThat(signedIn).containsExactly("http://ex01/owa/auth.owa");
    }
}
