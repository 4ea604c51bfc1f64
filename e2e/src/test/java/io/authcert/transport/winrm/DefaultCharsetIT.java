package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Output decoding does not depend on the JVM's default charset (Overthere's own decoding does). */
class DefaultCharsetIT {

    @Test
    void nonAsciiSurvivesInAJvmWhoseDefaultCharsetIsLatin1() throws Exception {
        String text = "Zertifikat für Exchange – €";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The text goes to the child as ASCII escapes so the child's own argument decoding cannot matter.
        String escaped = text.codePoints().mapToObj(Integer::toString).collect(Collectors.joining(","));
        Process p = new ProcessBuilder(java, "-Dfile.encoding=ISO-8859-1", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), escaped).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String expected = text.codePoints().mapToObj(Integer::toHexString).collect(Collectors.joining(" "));
        assertThat(out).endsWith(expected);
        assertThat(out).contains("defaultCharset=ISO-8859-1");
    }

    /** Entry point of the child JVM: rebuilds the text from code points, then runs {@link NonAsciiProbe}. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            StringBuilder sb = new StringBuilder();
            for (String cp : args[0].split(",")) {
                sb.appendCodePoint(Integer.parseInt(cp));
            }
            System.out.println("defaultCharset=" + java.nio.charset.Charset.defaultCharset());
            NonAsciiProbe.main(new String[] {sb.toString()});
        }
    }
}
