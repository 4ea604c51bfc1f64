package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.testing.RepoFiles;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.Yaml;

/**
 * The scheduling examples in {@code examples/}: each is read by what reads it for real (systemd-analyze,
 * an XML parser, a YAML parser), its key fields are what docs/unattended.md says, and every engine
 * command line in them is one the engine accepts.
 */
class ExamplesTest {

    @TempDir
    Path dir;

    private static String read(String path) throws Exception {
        return Files.readString(RepoFiles.path(path), StandardCharsets.UTF_8);
    }

    /** The engine's command line parses {@code args}: every option is known and every value converts (nothing runs). */
    private static void engineAccepts(List<String> args) {
        StringWriter out = new StringWriter();
        com.google.inject.Injector injector = com.google.inject.Guice.createInjector(
                new AppModule(Terminal.plain(new PrintWriter(out), new PrintWriter(out))));
        picocli.CommandLine cli = new picocli.CommandLine(EngineCommand.class, new GuiceFactory(injector));
        try {
            picocli.CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            assertThat(parsed.subcommand()).as("engine %s names a command", args).isNotNull();
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(args.get(0));
        } catch (picocli.CommandLine.ParameterException e) {
            throw new AssertionError("engine " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
    }

    /** The words of a shell command line after {@code engine}, up to the first shell operator. */
    private static List<String> engineWords(String line) {
        String from = line.substring(line.indexOf("engine ") + "engine ".length());
        List<String> words = new ArrayList<>();
        for (String w : from.replace("\\\n", " ").trim().split("\\s+")) {
            if (w.equals(">") || w.equals("&&") || w.equals(";") || w.startsWith(">") || w.endsWith(";")) {
                break;
            }
            words.add(w.replace("\"", ""));
        }
        return words;
    }

    @Test
    @Requires(RequiredTool.SYSTEMD_ANALYZE)
    void theSystemdUnitsPassSystemdAnalyzeVerify() throws Exception {
        // The unit names the engine where the docs install it; verify checks that it is executable, so point it at ours.
        String service = read("examples/systemd/authcert-apply.service")
                .replace("/opt/authcert/engine", RepoFiles.path("engine").toAbsolutePath().toString());
        Files.writeString(dir.resolve("authcert-apply.service"), service);
        Files.writeString(dir.resolve("authcert-apply.timer"), read("examples/systemd/authcert-apply.timer"));

        Process p = new ProcessBuilder("systemd-analyze", "verify", "./authcert-apply.service", "./authcert-apply.timer")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(said).isZero();
        // Unknown keys and bad values are only warnings to systemd: none may be printed.
        assertThat(said.lines().filter(l -> l.contains("authcert-apply"))).as(said).isEmpty();
    }

    @Test
    void theSystemdUnitsSayWhatTheDocsSay() throws Exception {
        String service = read("examples/systemd/authcert-apply.service");
        String timer = read("examples/systemd/authcert-apply.timer");

        assertThat(service).contains("Type=oneshot", "SuccessExitStatus=3 4", "KillMode=mixed");
        assertThat(timer).contains("OnCalendar=*-*-* 02:00:00", "Persistent=true", "Unit=authcert-apply.service");
        String exec = service.substring(service.indexOf("ExecStart=")).split("\n(?![ ]{4})")[0];
        List<String> words = engineWords(exec);
        assertThat(words).contains("--auto-approve", "--allow", "stage,distribute,publish,cleanup", "--max-hosts-changed");
        engineAccepts(words);
        String post = service.substring(service.indexOf("ExecStopPost=")).split("\n(?![ ]{4})")[0];
        engineAccepts(engineWords(post));
    }

    @Test
    void theCronLinesAreFiveFieldsAUserAndACommandTheEngineAccepts() throws Exception {
        List<String> jobs = read("examples/cron/authcert.cron").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.matches("^[A-Z_]+=.*")).toList();

        assertThat(jobs).hasSize(2);
        for (String job : jobs) {
            String[] f = job.split("\\s+", 7);
            assertThat(f).hasSize(7);
            assertThat(Arrays.copyOf(f, 5)).allMatch(x -> x.matches("[0-9*/,\\-]+"));
            assertThat(f[5]).isEqualTo("authcert");
            engineAccepts(engineWords(f[6]));
        }
        assertThat(jobs.get(0)).contains("--auto-approve", "[ $rc -eq 3 ]", "[ $rc -eq 4 ]");
        assertThat(jobs.get(1)).contains("--format prometheus", "authcert.prom.tmp", "mv ");
    }

    @Test
    void theTaskSchedulerXmlIsATaskThatRunsTheEngineDaily() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document task = f.newDocumentBuilder().parse(RepoFiles.path("examples/windows/authcert-apply.xml").toFile());
        String ns = "http://schemas.microsoft.com/windows/2004/02/mit/task";

        Element root = task.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("Task");
        assertThat(root.getNamespaceURI()).isEqualTo(ns);
        assertThat(text(task, ns, "DaysInterval")).isEqualTo("1");
        assertThat(text(task, ns, "StartBoundary")).endsWith("T02:00:00");
        assertThat(text(task, ns, "MultipleInstancesPolicy")).isEqualTo("IgnoreNew");
        assertThat(text(task, ns, "StartWhenAvailable")).isEqualTo("true");
        assertThat(text(task, ns, "Command")).endsWith("\\engine.cmd");
        List<String> args = new ArrayList<>(List.of(text(task, ns, "Arguments").split("\\s+")));
        assertThat(args).startsWith("apply").contains("--auto-approve", "--allow");
        engineAccepts(args);
    }

    private static String text(Document doc, String ns, String element) {
        assertThat(doc.getElementsByTagNameNS(ns, element).getLength()).as(element).isEqualTo(1);
        return doc.getElementsByTagNameNS(ns, element).item(0).getTextContent().trim();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCiJobAppliesOnScheduleAndFailsOnlyOnAnError() throws Exception {
        Map<String, Object> ci = new Yaml().load(read("examples/ci/gitlab-ci.yml"));
        Map<String, Object> job = (Map<String, Object>) ci.get("drift-correction");

        assertThat(job.get("resource_group")).isEqualTo("authcert-production");
        assertThat(((Map<String, Object>) job.get("allow_failure")).get("exit_codes")).isEqualTo(List.of(3, 4));
        assertThat(job.get("rules").toString()).contains("$CI_PIPELINE_SOURCE == \"schedule\"");
        List<String> script = (List<String>) job.get("script");
        String apply = script.stream().filter(l -> l.contains("engine apply")).findFirst().orElseThrow();
        engineAccepts(engineWords(apply));
        assertThat(script).contains("if [ \"$rc\" -eq 1 ]; then exit 1; fi");
        assertThat(((Map<String, Object>) ((Map<String, Object>) job.get("artifacts")).get("reports")).get("junit"))
                .isEqualTo("junit.xml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMergeRequestJobPlansFromCapturedFactsAndNotesTheMarkdown() throws Exception {
        Map<String, Object> ci = new Yaml().load(read("examples/ci/gitlab-ci.yml"));
        Map<String, Object> job = (Map<String, Object>) ci.get("plan-review");

        assertThat(job.get("stage")).isEqualTo("check");
        Map<String, Object> rule = ((List<Map<String, Object>>) job.get("rules")).get(0);
        assertThat(rule.get("if")).isEqualTo("$CI_PIPELINE_SOURCE == \"merge_request_event\"");
        assertThat((List<String>) rule.get("changes")).containsExactly("playbooks/**/*", "inventory/**/*");
        List<String> script = (List<String>) job.get("script");
        List<String> engine = script.stream().filter(l -> l.contains("./engine ")).toList();
        assertThat(engine).hasSize(2);
        engine.forEach(l -> engineAccepts(engineWords(l)));
        assertThat(engineWords(engine.get(0))).startsWith("validate");
        assertThat(engineWords(engine.get(1))).startsWith("plan").contains("--detailed-exitcode", "--facts")
                .containsSubsequence("--format", "markdown").containsSubsequence("--out", "plan.json");
        assertThat(engine.get(1)).endsWith("> plan.md");
        assertThat(script).contains("if [ \"$rc\" -eq 1 ]; then exit 1; fi");
        assertThat(script).anySatisfy(l -> assertThat(l).contains("--data-urlencode \"body@plan.md\"",
                "/merge_requests/$CI_MERGE_REQUEST_IID/notes", "PRIVATE-TOKEN: $AUTHCERT_GITLAB_TOKEN"));
        assertThat((List<String>) ((Map<String, Object>) job.get("artifacts")).get("paths")).contains("plan.md", "plan.json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGitHubWorkflowCommentsThePlanOfAPullRequestThatTouchesPlaybooksOrInventories() throws Exception {
        Map<Object, Object> workflow = new Yaml().load(read("examples/github-actions/plan-review.yml"));
        // YAML 1.1 (SnakeYAML) reads the key `on` as the boolean true; GitHub reads it as "on".
        Map<String, Object> on = (Map<String, Object>) (workflow.containsKey("on") ? workflow.get("on") : workflow.get(true));
        assertThat(on).containsOnlyKeys("pull_request");
        assertThat((List<String>) ((Map<String, Object>) on.get("pull_request")).get("paths"))
                .containsExactly("playbooks/**", "inventory/**");
        assertThat((Map<String, Object>) workflow.get("permissions")).containsEntry("contents", "read")
                .containsEntry("pull-requests", "write");

        Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) workflow.get("jobs");
        assertThat(jobs).containsOnlyKeys("plan", "plan-live");
        assertThat(jobs.get("plan").get("runs-on")).isEqualTo("ubuntu-latest");
        assertThat(jobs.get("plan-live").get("if").toString())
                .contains("github.event.pull_request.head.repo.full_name == github.repository");
        for (String name : List.of("plan", "plan-live")) {
            List<Map<String, Object>> steps = (List<Map<String, Object>>) jobs.get(name).get("steps");
            List<String> runs = steps.stream().map(st -> (String) st.get("run")).filter(java.util.Objects::nonNull).toList();
            List<String> engine = runs.stream().flatMap(r -> r.lines()).filter(l -> l.contains("./engine ")).toList();
            assertThat(engine).as(name).hasSize(2);
            engine.forEach(l -> engineAccepts(engineWords(l)));
            assertThat(engineWords(engine.get(0))).startsWith("validate");
            List<String> plan = engineWords(engine.get(1));
            assertThat(plan).as(name).startsWith("plan").contains("--detailed-exitcode")
                    .containsSubsequence("--format", "markdown").containsSubsequence("--out", "plan.json");
            assertThat(plan).as(name + ": captured facts, or live with the vault password")
                    .contains(name.equals("plan") ? "--facts" : "--vault-password-file");
            String planStep = runs.stream().filter(r -> r.contains("./engine plan")).findFirst().orElseThrow();
            assertThat(planStep).as(name + ": exit 2 and 3 are plans to review, 1 fails")
                    .contains("set +e", "if [ \"$rc\" -eq 1 ]; then exit 1; fi", "exit 0");
            assertThat(runs).as(name).anySatisfy(r -> assertThat(r).contains("gh pr comment \"$PR\"", "--body-file comment.md"));
            assertThat(steps).as(name).anySatisfy(st -> assertThat(String.valueOf(st.get("uses"))).startsWith("actions/upload-artifact@"));
        }
        // No secret in the workflow itself: the live job reads it from the repository's secrets.
        assertThat(read("examples/github-actions/plan-review.yml")).contains("${{ secrets.AUTHCERT_VAULT_PASSWORD }}")
                .doesNotContainPattern("(?i)password:\\s*['\"]?[A-Za-z0-9]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesCronJobRunsOneOrganisationWithItsOwnSecretsAndState() throws Exception {
        Map<String, Object> cron = new Yaml().load(read("examples/kubernetes/cronjob-per-organisation.yaml"));

        assertThat(cron.get("apiVersion")).isEqualTo("batch/v1");
        assertThat(cron.get("kind")).isEqualTo("CronJob");
        Map<String, Object> spec = (Map<String, Object>) cron.get("spec");
        assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(spec.get("schedule").toString().split(" ")).hasSize(5);
        Map<String, Object> jobSpec = (Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate")).get("spec");
        Map<String, Object> rule = ((List<Map<String, Object>>) ((Map<String, Object>) jobSpec.get("podFailurePolicy"))
                .get("rules")).get(0);
        assertThat(rule.get("action")).isEqualTo("FailJob");
        assertThat(((Map<String, Object>) rule.get("onExitCodes")).get("values")).isEqualTo(List.of(3, 4));
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) jobSpec.get("template")).get("spec");
        assertThat(pod.get("restartPolicy")).isEqualTo("Never");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertThat(container.get("name")).isEqualTo("authcert");
        List<String> args = ((List<Object>) container.get("args")).stream().map(Object::toString).toList();
        assertThat(args).startsWith("apply").contains("--auto-approve", "--state-dir", "/var/lib/authcert");
        engineAccepts(args);
        // The webhook comes from a Secret, never from the manifest.
        assertThat(container.get("env").toString()).contains("secretKeyRef");
        assertThat(args).noneMatch(a -> a.startsWith("http"));
    }
}
