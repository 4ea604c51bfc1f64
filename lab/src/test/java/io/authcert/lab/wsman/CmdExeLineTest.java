package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CmdExeLineTest {

    @Test
    void overtheresQuotedLineLosesItsOuterQuotes() {
        CmdExeLine l = CmdExeLine.parse("\"powershell -NoProfile -NonInteractive -EncodedCommand SQBu\"");
        assertThat(l.program()).isEqualTo("powershell");
        assertThat(l.arguments()).containsExactly("-NoProfile", "-NonInteractive", "-EncodedCommand", "SQBu");
    }

    @Test
    void pywinrmsCommandAndArgumentsAreJoined() {
        CmdExeLine l = CmdExeLine.parse(CmdExeLine.join("powershell", List.of("-Command", "-")));
        assertThat(l.program()).isEqualTo("powershell");
        assertThat(l.arguments()).containsExactly("-Command", "-");
    }

    @Test
    void quotedArgumentsFollowCommandLineToArgvW() {
        assertThat(CmdExeLine.splitArgv("a \"b c\" d\\\"e \"f\"\"g\" h\\\\\"i j\""))
                .containsExactly("a", "b c", "d\"e", "f\"g", "h\\i j");
    }

    @Test
    void aQuotedProgramPathKeepsItsQuotes() {
        CmdExeLine l = CmdExeLine.parse("\"C:\\Program Files\\tool.exe\"");
        assertThat(l.program()).isEqualTo("C:\\Program Files\\tool.exe");
    }

    @Test
    void theLimitIs8191Characters() {
        assertThat(CmdExeLine.tooLong("x".repeat(8191))).isFalse();
        assertThat(CmdExeLine.tooLong("x".repeat(8192))).isTrue();
    }
}
