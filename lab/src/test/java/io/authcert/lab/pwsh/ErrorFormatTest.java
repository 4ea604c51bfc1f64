package io.authcert.lab.pwsh;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.testing.PsSyntaxCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Errors on stderr exactly as powershell.exe writes them when stderr is redirected (#< CLIXML), and exit codes. */
class ErrorFormatTest {

    private static final Map<String, String> SCRIPTS = new LinkedHashMap<>();
    private static final String HEADER = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" "
            + "xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">";

    private static PsRun.Result run(String name, String script) {
        SCRIPTS.put("err-" + name, script);
        return PsRun.run(PsRun.host(StubExchange.registry()), script);
    }

    private static String clixml(List<String> lines) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (String l : lines) {
            sb.append("<S S=\"Error\">").append(l).append("_x000D__x000A_</S>");
        }
        return sb.append("</Objs>").toString();
    }

    @Test
    void anUnknownCommandIsReportedAsWindowsDoes() {
        PsRun.Result r = run("unknown", "Foo");
        assertThat(r.stderrRaw()).isEqualTo(clixml(List.of(
                "Foo : The term 'Foo' is not recognized as the name of a cmdlet, function, script file, or operable "
                        + "program. Check the spelling of the name, or if a path was included, verify that the path is "
                        + "correct and try again.",
                "At line:1 char:1",
                "+ Foo",
                "+ ~~~",
                "    + CategoryInfo          : ObjectNotFound: (Foo:String) [], CommandNotFoundException",
                "    + FullyQualifiedErrorId : CommandNotFoundException",
                " ")));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void aCmdletErrorNamesTheCmdletUnderlinesTheCommandAndQualifiesTheErrorId() {
        PsRun.Result r = run("cmdlet", "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n"
                + "$s = Get-ExchangeServer -Identity 'EX99' | Select-Object -First 1");
        assertThat(r.stderrRaw()).isEqualTo(clixml(List.of(
                "Get-ExchangeServer : The operation couldn't be performed because object 'EX99' couldn't be found on "
                        + "'dc01.contoso.com'.",
                "At line:2 char:6",
                "+ $s = Get-ExchangeServer -Identity 'EX99' | Select-Object -First 1",
                "+      ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
                "    + CategoryInfo          : NotSpecified: (EX99:String) [Get-ExchangeServer], "
                        + "ManagementObjectNotFoundException",
                "    + FullyQualifiedErrorId : D7E52E6E,Microsoft.Exchange.Management.Stub.GetExchangeServer",
                " ")));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void throwReportsTheMessageAndOperationStopped() {
        PsRun.Result r = run("throw", "'first'\nthrow \"it failed\"\n'never'");
        assertThat(r.stdout()).isEqualTo("first\r\n");
        assertThat(r.stderr()).isEqualTo(String.join("\r\n",
                "it failed",
                "At line:2 char:1",
                "+ throw \"it failed\"",
                "+ ~~~~~~~~~~~~~~~~~",
                "    + CategoryInfo          : OperationStopped: (it failed:String) [], RuntimeException",
                "    + FullyQualifiedErrorId : it failed",
                " ", ""));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aParseErrorRunsNothingAndPutsThePositionFirst() {
        PsRun.Result r = PsRun.run("'not printed'\nif (");
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo(String.join("\r\n",
                "At line:2 char:5",
                "+ if (",
                "+     ~",
                "Missing condition in if statement after 'if ('.",
                "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException",
                "    + FullyQualifiedErrorId : IfStatementMissingCondition",
                " ", ""));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void unsupportedSyntaxFailsAsAParserErrorNamingTheLab() {
        PsRun.Result r = PsRun.run("switch (1) { 1 { 'one' } }");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("The lab's PowerShell does not support the 'switch' statement.")
                .contains("FullyQualifiedErrorId : LabUnsupportedSyntax");
    }

    @Test
    void writeErrorAtTheTopLevelIsAttributedToTheScriptText() {
        PsRun.Result r = run("write-error", "Write-Error 'the thing is not there'\n'after'");
        assertThat(r.stdout()).isEqualTo("after\r\n");
        assertThat(r.stderr()).isEqualTo(String.join("\r\n",
                "Write-Error 'the thing is not there'",
                "'after' : the thing is not there",
                "    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException",
                "    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException",
                " ", ""));
        // the last statement succeeded, so the process exits 0
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void writeErrorInAFunctionNamesTheFunctionAndItsCallSite() {
        PsRun.Result r = run("write-error-fn", "function Check { Write-Error 'bad input' }\nCheck");
        assertThat(r.stderr()).startsWith(String.join("\r\n",
                "Check : bad input",
                "At line:2 char:1",
                "+ Check",
                "+ ~~~~~"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void nonTerminatingErrorsContinueUnlessThePreferenceIsStop() {
        PsRun.Result go = run("continue", "Get-Command Nope-Nope\n'still running'");
        assertThat(go.stdout()).isEqualTo("still running\r\n");
        assertThat(go.stderr()).contains("The term 'Nope-Nope' is not recognized")
                .contains("FullyQualifiedErrorId : CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand");
        assertThat(go.exitCode()).isZero();

        PsRun.Result stop = run("stop", "$ErrorActionPreference = 'Stop'\nGet-Command Nope-Nope\n'not reached'");
        assertThat(stop.stdout()).isEmpty();
        assertThat(stop.stderr()).contains("Get-Command : The term 'Nope-Nope' is not recognized");
        assertThat(stop.exitCode()).isEqualTo(1);
    }

    @Test
    void statementTerminatingErrorsSkipOnlyTheirStatementUnderContinue() {
        PsRun.Result r = run("statement", "$x = $null\n$x.Foo()\n'next'");
        assertThat(r.stdout()).isEqualTo("next\r\n");
        assertThat(r.stderr()).startsWith(String.join("\r\n",
                "You cannot call a method on a null-valued expression.",
                "At line:2 char:1",
                "+ $x.Foo()",
                "+ ~~~~~~~~",
                "    + CategoryInfo          : InvalidOperation: (:) [], RuntimeException",
                "    + FullyQualifiedErrorId : InvokeMethodOnNull"));
    }

    @Test
    void errorActionSilentlyContinueHidesNonTerminatingErrors() {
        PsRun.Result r = run("silent", "$ErrorActionPreference = 'Stop'\n"
                + "Add-PSSnapin -Name 'Microsoft.Exchange.Management.PowerShell.SnapIn' -ErrorAction SilentlyContinue\n"
                + "Add-PSSnapin -Name 'Microsoft.Exchange.Management.PowerShell.SnapIn' -ErrorAction SilentlyContinue\n"
                + "Add-PSSnapin -Name 'Contoso.NoSuch.SnapIn' -ErrorAction SilentlyContinue\n'ok'");
        assertThat(r.stdout()).isEqualTo("ok\r\n");
        assertThat(r.stderrRaw()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void anUnknownSnapInFailsAsOnWindows() {
        PsRun.Result r = run("snapin", "Add-PSSnapin Contoso.NoSuch.SnapIn");
        assertThat(r.stderr()).startsWith("Add-PSSnapin : The Windows PowerShell snap-in 'Contoso.NoSuch.SnapIn' is not "
                + "installed on this computer.\r\n");
        assertThat(r.stderr()).contains("    + CategoryInfo          : InvalidArgument: (Contoso.NoSuch.SnapIn:String) "
                + "[Add-PSSnapin], PSArgumentException");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void exchangeCmdletsNeedTheSnapIn() {
        PsRun.Result r = run("no-snapin", "Get-AuthConfig");
        assertThat(r.stderr()).startsWith("Get-AuthConfig : The term 'Get-AuthConfig' is not recognized");
    }

    @Test
    void anUnknownModuleOrTypeFailsAsOnWindows() {
        PsRun.Result module = run("module", "Import-Module -Name 'Contoso.Nothing'");
        assertThat(module.stderr()).startsWith("Import-Module : The specified module 'Contoso.Nothing' was not loaded "
                + "because no valid module file was found in any module directory.\r\n")
                .contains("FullyQualifiedErrorId : Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand");
        PsRun.Result type = run("type", "New-Object -TypeName Contoso.Widget");
        assertThat(type.stderr()).startsWith("New-Object : Cannot find type [Contoso.Widget]: verify that the assembly "
                + "containing this type is loaded.\r\n")
                .contains("FullyQualifiedErrorId : TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand");
    }

    @Test
    void exitSetsTheExitCode() {
        assertThat(run("exit", "exit 3").exitCode()).isEqualTo(3);
    }

    @Test
    void xmlSpecialCharactersAreEscaped() {
        PsRun.Result r = run("escape", "throw 'a < b & \"c\" _x'");
        assertThat(r.stderrRaw()).contains("<S S=\"Error\">a &lt; b &amp; &quot;c&quot; _x005F_x_x000D__x000A_</S>");
    }

    @Test
    void atAConsoleWidthOf80ErrorsWrapAsOverWinRm() {
        // a real capture over WinRM (Vagrant, Remove-Item): words wrap at 80 columns, CategoryInfo and
        // FullyQualifiedErrorId break hard at 78 characters and continue after three spaces
        CmdletRegistry registry = CmdletRegistry.withBuiltins();
        registry.register(new StubCmdlet("Remove-Item", "Microsoft.PowerShell.Commands.RemoveItemCommand",
                List.of(Parameter.named("Path", PsType.STRING).position(0)), (call, p) -> {
                    throw new PsException(ErrorRecord.about("C:\\tmp\\vagrant-chef-1\\solo.rb",
                            "Cannot find path 'C:\\tmp\\vagrant-chef-1\\solo.rb' because it does not exist.",
                            ErrorCategory.ObjectNotFound, "PathNotFound", "ItemNotFoundException"));
                }));
        String script = "Remove-Item /tmp/vagrant-chef-1/solo.rb";
        SCRIPTS.put("err-wrap", script);
        PsRun.Result r = PsRun.decode(PsRun.host(registry).withConsoleWidth(80).runScript(script));
        assertThat(r.stderrRaw()).isEqualTo(clixml(List.of(
                "Remove-Item : Cannot find path 'C:\\tmp\\vagrant-chef-1\\solo.rb' because it does ",
                "not exist.",
                "At line:1 char:1",
                "+ Remove-Item /tmp/vagrant-chef-1/solo.rb",
                "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
                "    + CategoryInfo          : ObjectNotFound: (C:\\tmp\\vagrant-chef-1\\solo.rb:S ",
                "   tring) [Remove-Item], ItemNotFoundException",
                "    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.Remov ",
                "   eItemCommand",
                " ")));
    }

    @AfterAll
    static void everyScriptIsValidPowerShell() {
        PsSyntaxCheck.assertValid(SCRIPTS);
    }
}
