package io.authcert.powershell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClixmlErrorsTest {

    /** As powershell.exe 5.1 writes it when stderr is redirected (one S element per console line). */
    private static final String NOT_RECOGNIZED = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
            + "<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>"
            + "<MS><I64 N=\"SourceId\">1</I64><PR N=\"Record\"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil />"
            + "<PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>"
            + "<S S=\"Error\">Foo : The term 'Foo' is not recognized as the name of a cmdlet, function, script file, or operable _x000D__x000A_</S>"
            + "<S S=\"Error\">program. Check the spelling of the name, or if a path was included, verify that the path is correct and _x000D__x000A_</S>"
            + "<S S=\"Error\">try again._x000D__x000A_</S>"
            + "<S S=\"Error\">At line:1 char:1_x000D__x000A_</S>"
            + "<S S=\"Error\">+ Foo_x000D__x000A_</S>"
            + "<S S=\"Error\">+ ~~~_x000D__x000A_</S>"
            + "<S S=\"Error\">    + CategoryInfo          : ObjectNotFound: (Foo:String) [], CommandNotFoundException_x000D__x000A_</S>"
            + "<S S=\"Error\">    + FullyQualifiedErrorId : CommandNotFoundException_x000D__x000A_</S>"
            + "<S S=\"Error\"> _x000D__x000A_</S></Objs>";

    @Test
    void decodesErrorRecordsIntoConsoleText() {
        String text = ClixmlErrors.decode(NOT_RECOGNIZED);
        assertThat(text).startsWith("Foo : The term 'Foo' is not recognized as the name of a cmdlet, function, script"
                + " file, or operable \nprogram. Check the spelling");
        assertThat(text).contains("+ FullyQualifiedErrorId : CommandNotFoundException")
                .doesNotContain("_x000D_", "<S", "Preparing modules");
    }

    @Test
    void progressOnlyMeansNoError() {
        String progressOnly = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T></TN>"
                + "<MS><I64 N=\"SourceId\">1</I64></MS></Obj></Objs>";
        assertThat(ClixmlErrors.decode(progressOnly)).isEmpty();
        assertThat(ClixmlErrors.hasErrors(progressOnly)).isFalse();
    }

    @Test
    void warningsArePrefixedAndEscapesDecoded() {
        String s = "#< CLIXML\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S S=\"Warning\">Zertifikat l_x00E4_uft ab</S></Objs>";
        assertThat(ClixmlErrors.decode(s)).isEqualTo("WARNING: Zertifikat läuft ab");
    }

    @Test
    void plainStderrIsKept() {
        assertThat(ClixmlErrors.decode("The command line is too long.\r\n")).isEqualTo("The command line is too long.");
        assertThat(ClixmlErrors.decode(null)).isEmpty();
    }

    @Test
    void brokenClixmlFallsBackToTheRawText() {
        assertThat(ClixmlErrors.decode("#< CLIXML\n<Objs><S S=\"Error\">cut off")).contains("cut off");
    }
}
