package io.authcert.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.authcert.lab.EmbeddedLab;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine apply --notify} against the lab: a webhook and a mailbox hear what changed, what is held back
 * and what failed; a webhook that fails is a warning and a line in the report, never another exit code; a run
 * with nothing to do tells nobody; no secret of the inventory reaches any of them.
 */
class NotifyApplyIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    private WireMockServer http;
    private GreenMail smtp;

    @BeforeEach
    void start() {
        http = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        http.start();
        http.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        http.stubFor(post(urlEqualTo("/broken")).willReturn(aResponse().withStatus(503)));
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        http.stop();
        smtp.stop();
    }

    private String[] notify(String... webhooks) {
        java.util.List<String> args = new java.util.ArrayList<>();
        for (String w : webhooks) {
            args.addAll(java.util.List.of("--notify", http.baseUrl() + w));
        }
        args.addAll(java.util.List.of("--notify", "mailto:exchange-admins@contoso.com", "--smtp", "127.0.0.1:" + smtp.getSmtp().getPort(),
                "--mail-from", "authcert@contoso.com", "--report-json", dir.resolve("run.json").toString()));
        return args.toArray(String[]::new);
    }

    private JsonNode webhookBody(int n) throws Exception {
        return new ObjectMapper().readTree(http.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/hook"))
                .toList().get(n).getRequest().getBodyAsString());
    }

    @Test
    void anOutageFixedIsToldToTheWebhookAndByMailAndAFailingWebhookChangesNothing() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            String secrets = Files.readString(lab.inventoryFile());

            LabApplier.Outcome outcome = engine.apply(PLAYBOOK, notify("/hook", "/broken"));

            assertThat(outcome.exitCode()).as(outcome.all()).isZero();
            assertThat(outcome.err()).contains("warning: cannot notify generic webhook http://", "HTTP 503",
                    "(the apply's outcome stands)").doesNotContain("/broken");
            JsonNode body = webhookBody(0);
            assertThat(body.path("event").asText()).isEqualTo("changed");
            assertThat(body.path("status").asText()).isEqualTo("applied");
            assertThat(body.path("exit_code").asInt()).isZero();
            assertThat(body.path("changed").toString()).contains("ex01: create_certificate (p1.ex01.create_certificate.new)",
                    "ex02: restart_service");
            MimeMessage[] mail = smtp.getReceivedMessages();
            assertThat(mail).hasSize(1);
            assertThat(mail[0].getSubject()).startsWith("authcert: changed ").endsWith("(applied, exit 0) on "
                    + lab.inventoryFile());
            String text = (String) mail[0].getContent();
            assertThat(text).contains("Changed:", "ex01: publish_certificate");
            JsonNode report = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
            assertThat(report.path("status").asText()).isEqualTo("applied");
            assertThat(report.path("notifications").path("failures").toString()).contains("HTTP 503");
            assertThat(report.path("notifications").path("sent_to")).hasSize(3);
            // Nothing of the inventory's passwords goes anywhere.
            String everything = http.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                    .reduce("", String::concat) + text + Files.readString(dir.resolve("run.json"));
            for (String line : secrets.lines().filter(l -> l.contains("password:")).toList()) {
                String value = line.substring(line.indexOf(':') + 1).trim().replace("\"", "");
                if (value.length() > 3) {
                    assertThat(everything).doesNotContain(value);
                }
            }

            LabApplier.Outcome again = engine.apply(PLAYBOOK, notify("/hook"));

            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(http.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/hook"))).hasSize(1);
            assertThat(smtp.getReceivedMessages()).as("nothing to do tells nobody").hasSize(1);
        }
    }

    @Test
    void whatTheGuardRailsHoldBackIsToldAsNeedingAPerson() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            String[] args = notify("/hook");
            String[] all = java.util.Arrays.copyOf(args, args.length + 2);
            all[args.length] = "--allow";
            all[args.length + 1] = "stage,distribute,publish,cleanup";

            LabApplier.Outcome outcome = engine.apply(PLAYBOOK, all);

            assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(4);
            JsonNode body = webhookBody(0);
            assertThat(body.path("event").asText()).isEqualTo("needs_human");
            assertThat(body.path("held_back").get(0).asText()).startsWith("p1.ex01.create_certificate.new: create_certificate on ex01"
                    + " (immediate): not allowed: immediate");
            assertThat(smtp.getReceivedMessages()[0].getHeader("X-Authcert-Event")).containsExactly("needs_human");
        }
    }

    @Test
    void notifyOnFailedKeepsAFixedOutageQuietAndAlwaysTellsTheRunWithNothingToDo() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome fixed = engine.apply(PLAYBOOK, with(notify("/hook"), "--notify-on", "failed,needs_human"));

            assertThat(fixed.exitCode()).as(fixed.all()).isZero();
            assertThat(http.getAllServeEvents()).as("changed is not chosen").isEmpty();
            assertThat(smtp.getReceivedMessages()).isEmpty();
            JsonNode report = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
            assertThat(report.path("notifications").path("sent_to")).as("nobody was told").isEmpty();

            LabApplier.Outcome nothing = engine.apply(PLAYBOOK, with(notify("/hook"), "--notify-on", "always"));

            assertThat(nothing.exitCode()).as(nothing.all()).isZero();
            JsonNode body = webhookBody(0);
            assertThat(body.path("event").asText()).isEqualTo("unchanged");
            assertThat(body.path("changed")).isEmpty();
            assertThat(smtp.getReceivedMessages()).singleElement()
                    .satisfies(m -> assertThat(m.getHeader("X-Authcert-Event")).containsExactly("unchanged"));
        }
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void aBadTargetIsAnInputErrorBeforeAnythingConnects() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome noSmtp = engine.apply(PLAYBOOK, "--notify", "mailto:admins@contoso.com");
            LabApplier.Outcome noEnv = engine.apply(PLAYBOOK, "--notify", "slack+env:AUTHCERT_TEST_UNSET_WEBHOOK");
            LabApplier.Outcome secretUrl = engine.apply(PLAYBOOK, "--notify", "ftp://hooks.example/T0/B0/secretpart");

            assertThat(noSmtp.exitCode()).isEqualTo(1);
            assertThat(noSmtp.err()).contains("a mail notification needs the SMTP server", "--smtp mail.example.com:25");
            assertThat(noEnv.err()).contains("AUTHCERT_TEST_UNSET_WEBHOOK is not set or empty", "export AUTHCERT_TEST_UNSET_WEBHOOK=");
            assertThat(secretUrl.err()).contains("is not an http(s) URL").doesNotContain("secretpart");
            assertThat(lab.audit().entries()).noneMatch(e -> e.mentions("New-ExchangeCertificate"));
        }
    }
}
