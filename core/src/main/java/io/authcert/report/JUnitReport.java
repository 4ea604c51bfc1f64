package io.authcert.report;

import io.authcert.run.RunEvent;
import io.authcert.run.RunListener;
import io.authcert.run.StepOutcome;
import io.authcert.run.StepResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The {@code --junit} file for CI dashboards: one test case per host and step (class name = host,
 * name = step id), failed and unreachable steps as failures, steps not run as skipped, and one case
 * for the apply's ending (class name {@code apply}, name {@code outcome}), failed unless it applied or
 * had nothing to do, so a refused plan or a failed verification shows red even when every step passed.
 */
public final class JUnitReport implements RunListener {

    private String playbook = "apply";
    private final List<StepResult> steps = new ArrayList<>();
    private ApplyOutcome outcome;

    /** How the whole apply ended: written as its own test case. */
    public void outcome(ApplyOutcome ended) {
        outcome = ended;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            playbook = s.playbook();
        } else if (event instanceof RunEvent.StepFinished f) {
            steps.add(f.result());
        }
    }

    public String toXml() {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "authcert apply " + playbook);
            int outcomeCases = outcome == null ? 0 : 1;
            int outcomeFailures = outcome == null || outcome.succeeded() ? 0 : 1;
            xml.writeAttribute("tests", Integer.toString(steps.size() + outcomeCases));
            xml.writeAttribute("failures", Long.toString(steps.stream().filter(s -> s.outcome().failedHost()).count()
                    + outcomeFailures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(steps.stream().filter(s -> notRun(s.outcome())).count()));
            xml.writeAttribute("time", seconds(steps.stream().mapToLong(s -> s.duration().toMillis()).sum()));
            xml.writeCharacters("\n");
            for (StepResult s : steps) {
                xml.writeCharacters("  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", s.host());
                xml.writeAttribute("name", s.stepId());
                xml.writeAttribute("time", seconds(s.duration().toMillis()));
                if (s.outcome().failedHost()) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", s.outcome().jsonName());
                    xml.writeAttribute("message", s.message());
                    xml.writeCharacters(s.action().jsonName() + " on " + s.host() + ": " + s.message());
                    xml.writeEndElement();
                } else if (notRun(s.outcome())) {
                    xml.writeEmptyElement("skipped");
                    xml.writeAttribute("message", s.message());
                } else {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(s.outcome().jsonName() + ": " + s.message());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            if (outcome != null) {
                outcome(xml);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return text.toString();
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(toXml().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void outcome(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "apply");
        xml.writeAttribute("name", "outcome");
        xml.writeAttribute("time", "0.000");
        String summary = outcome.status() + (outcome.verification() == null ? "" : ", verification " + outcome.verification())
                + ", exit code " + outcome.exitCode();
        if (outcome.succeeded()) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(summary);
        } else {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", outcome.status());
            xml.writeAttribute("message", outcome.problems().isEmpty() ? summary : outcome.problems().get(0));
            xml.writeCharacters(summary + (outcome.problems().isEmpty() ? "" : "\n" + String.join("\n", outcome.problems())));
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static boolean notRun(StepOutcome outcome) {
        return outcome == StepOutcome.SKIPPED || outcome == StepOutcome.LOST;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
