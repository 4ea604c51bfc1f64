package io.authcert.lab.pwsh;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.testing.PsSyntaxCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven: a script and the exact stdout powershell.exe would write for it (lines joined with |). */
class InterpreterTest {

    /** name, script, expected stdout lines joined by '|' (each line ends with CRLF). */
    static final Object[][] CASES = {
        {"string literals", "'it''s'; \"tab`there\"; \"q\"\"uote\"", "it's|tab\there|q\"uote"},
        {"expansion", "$n = 'World'; \"Hello $n, $($n.Length) chars, $env:COMPUTERNAME\"", "Hello World, 5 chars, EX01"},
        {"expansion stops at dot", "$a = 'x'; \"$a.Name\"", "x.Name"},
        {"here-string", "$v = 1\n$s = @\"\nvalue $v\n\"@\n$s\n@'\nraw $v\n'@", "value 1|raw $v"},
        {"numbers and arithmetic", "1 + 2 * 3; 7 / 2; 8 / 2; 7 % 3; 2KB; 0x10; -5 + 1", "7|3.5|4|1|2048|16|-4"},
        {"string arithmetic", "'ab' + 1; 'ab' * 3; 1 + '2'", "ab1|ababab|3"},
        {"booleans and null", "$true; $false; $null; -not $true; !$false", "True|False|False|True"},
        {"comparison", "1 -eq 1; 'A' -eq 'a'; 'A' -ceq 'a'; 5 -gt 3; 'abc' -like 'a*'; 'abc' -notlike '*z'; "
                + "'x1' -match '\\d'; $Matches[0]", "True|True|False|True|True|True|True|1"},
        {"collection filter", "@(1,2,3,2) -eq 2; (1,2,3) -contains 2; 2 -in 1,2; 4 -notin 1,2", "2|2|True|True|True"},
        {"logical", "($true -and $false); ($true -or $false); (1 -lt 2) -and (3 -gt 2)", "False|True|True"},
        {"split and join", "'a, b,c' -split ',\\s*'; (1,2,3) -join '-'; -join ('x','y'); -split ' p  q '", "a|b|c|1-2-3|xy|p|q"},
        {"replace", "'Hello World' -replace 'o', '0'; 'ab' -replace '(a)(b)', '$2$1'", "Hell0 W0rld|ba"},
        {"format operator", "'{0}-{1:N2}' -f 'a', 3.14159", "a-3.14"},
        {"arrays", "$a = 1, 2, 3; $a.Count; $a[0]; $a[-1]; @().Count; @(7).Count; ,1 | ForEach-Object { $_.Count }",
                "3|1|3|0|1|1"},
        {"array add", "$a = @(); $a += 'x'; $a += 'y'; $a -join ''", "xy"},
        {"hashtables", "$h = @{ b = 2; a = 1 }; $h.a; $h['b']; $h.Count; $h.ContainsKey('A'); $h.c = 3; $h.c",
                "1|2|2|True|3"},
        {"ordered hashtable keys", "$h = [ordered]@{ z = 1; y = 2; x = 3 }; $h.Keys -join ','", "z,y,x"},
        {"pscustomobject", "$o = [pscustomobject]@{ Name = 'n'; Size = 3 }; $o.Name; $o.Size + 1", "n|4"},
        {"member enumeration", "$o = @([pscustomobject]@{ N = 1 }, [pscustomobject]@{ N = 2 }); $o.N", "1|2"},
        {"string methods", "'Hello'.ToUpper(); ' x '.Trim(); 'abc'.Substring(1); 'a.b'.Split('.')[1]; 'abc'.Length; "
                + "'abc'.StartsWith('ab'); 'abc'.Replace('b', 'B')", "HELLO|x|bc|b|3|True|aBc"},
        {"dates", "$d = Get-Date; $d.ToUniversalTime().ToString('o'); $d.AddHours(49).ToString('yyyy-MM-dd HH:mm'); "
                + "(Get-Date).AddDays(-1).Day; [datetime]::UtcNow.Kind; $d.Year",
                "2026-11-26T04:15:30.1234567Z|2026-11-28 05:15|25|Utc|2026"},
        {"get-date -date", "(Get-Date -Date '2026-01-02T03:04:05Z').ToUniversalTime().ToString('o'); "
                + "(Get-Date '2026-01-02').ToString('yyyy-MM-ddTHH:mm:ss')", "2026-01-02T03:04:05.0000000Z|2026-01-02T00:00:00"},
        {"date comparison and difference", "$a = Get-Date; $b = $a.AddMinutes(90); $b -gt $a; ($b - $a).TotalHours",
                "True|1.5"},
        {"casts", "[int]'42' + 1; [string]42 + 1; [bool]'x'; [bool]''; [int]3.5; [int]2.5; [datetime]'2026-03-04' -is [datetime]",
                "43|421|True|False|4|2|True"},
        {"static members", "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; [Console]::OutputEncoding.WebName; "
                + "[string]::IsNullOrEmpty(''); [Math]::Max(2, 5); [System.Convert]::ToBase64String([byte[]](1,2,3))",
                "utf-8|True|5|AQID"},
        {"if elseif else", "$x = 5\nif ($x -lt 3) { 'small' } elseif ($x -lt 10) { 'medium' } else { 'large' }\n"
                + "if ($false) { 'no' }\nelse { 'yes' }", "medium|yes"},
        {"foreach statement", "foreach ($i in 1..3) { if ($i -eq 2) { continue }; \"i=$i\" }", "i=1|i=3"},
        {"while and break", "$i = 0; while ($true) { $i++; if ($i -ge 3) { break } }; $i", "3"},
        {"functions", "function Square($n) { return $n * $n }\nfunction Greet {\n    param($Name = 'you')\n    \"hi $Name\"\n}\n"
                + "Square 7; Greet; Greet -Name Bob; Greet 'Al'", "49|hi you|hi Bob|hi Al"},
        {"function output collects", "function Many { 1; 2; return 3 }\n$r = Many\n$r.Count; $r[2]", "3|3"},
        {"dynamic scope", "$x = 'outer'\nfunction Show { $x }\nfunction Wrap { $x = 'inner'; Show }\nWrap; Show",
                "inner|outer"},
        {"script blocks", "$sb = { param($a) $a * 2 }; & $sb 21; $sb.Invoke(4); & { 'in block' }", "42|8|in block"},
        {"pipeline cmdlets", "1..5 | Where-Object { $_ % 2 -eq 1 } | ForEach-Object { $_ * 10 }", "10|30|50"},
        {"foreach-object scope", "$total = 0; 1..4 | ForEach-Object { $total += $_ }; $total", "10"},
        {"select-object", "$o = [pscustomobject]@{ A = 1; B = 2; C = 3 }; $s = $o | Select-Object -Property 'A', 'C'; $s.C; "
                + "$o | Select-Object -ExpandProperty B; 1..10 | Select-Object -First 2; 1..10 | Select-Object -Last 1",
                "3|2|1|2|10"},
        {"select-object calculated", "[pscustomobject]@{ A = 2 } | Select-Object @{ Name = 'D'; Expression = { $_.A * 2 } } "
                + "| ForEach-Object { $_.D }", "4"},
        {"where-object simplified", "@([pscustomobject]@{ N = 'a' }, [pscustomobject]@{ N = 'b' }) | Where-Object N -eq 'b' "
                + "| ForEach-Object { $_.N }", "b"},
        {"write-output and write-host", "Write-Output 'one' 'two'; Write-Host 'host' 'text'; echo three", "one|two|host text|three"},
        {"out-null and void", "'gone' | Out-Null; [void](1 + 1); $null = 'x'; 'kept'", "kept"},
        {"try catch finally", "try { throw 'bad' } catch { \"caught $_\" } finally { 'finally' }", "caught bad|finally"},
        {"catch runtime error", "try { $null.Foo() } catch { $_.FullyQualifiedErrorId }", "InvokeMethodOnNull"},
        {"catch cmdlet error with stop", "try { Get-Command Nope-Nope -ErrorAction Stop } catch { $_.CategoryInfo.Category }",
                "ObjectNotFound"},
        {"erroraction silentlycontinue", "$r = Get-Command Nope-Nope -ErrorAction SilentlyContinue; $null -eq $r; $Error.Count",
                "True|1"},
        {"nested catch rethrow", "try { try { throw 'inner' } catch { throw } } catch { \"outer got $($_.Exception.Message)\" }",
                "outer got inner"},
        {"env variables", "$env:COMPUTERNAME; $env:LAB_X = 'set'; $env:LAB_X; $env:MISSING -eq $null", "EX01|set|True"},
        {"psitem", "'a' | ForEach-Object { $PSItem.ToUpper() }", "A"},
        {"subexpressions", "\"sum=$(1 + 2) list=$(@(1,2))\"; $( 'a'; 'b' ).Count", "sum=3 list=1 2|2"},
        {"line continuation and comments", "Write-Output `\n  'continued' # trailing\n<# block\ncomment #>\n'after'",
                "continued|after"},
        {"get-command", "(Get-Command Write-Output).Name; (Get-Command -Name 'Get-D*').Name", "Write-Output|Get-Date"},
        {"snap-in loads exchange cmdlets", "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n"
                + "(Get-Command Get-AuthConfig).Source", "Microsoft.Exchange.Management.PowerShell.SnapIn"},
        {"enums", "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n$c = @(Get-ExchangeCertificate)[1]\n"
                + "$c.Services.ToString(); \"$($c.Services)\"; $c.Services -eq 'IIS, SMTP'; $c.Services.HasFlag('IIS'); "
                + "$c.Status", "IIS, SMTP|IIS, SMTP|True|True|Valid"},
        {"exit code from exit", "'before'; exit 0; 'after'", "before"},
        {"securestring", "$p = ConvertTo-SecureString 'pw' -AsPlainText -Force; $p.GetType().Name; \"$p\"",
                "SecureString|System.Security.SecureString"},
        {"convertfrom-json", "$o = '{\"a\":1,\"b\":[1,2],\"c\":{\"d\":\"e\"}}' | ConvertFrom-Json; $o.a; $o.b.Count; $o.c.d",
                "1|2|e"},
        {"random pfx password as the engine makes it", "$bytes = New-Object -TypeName 'System.Byte[]' -ArgumentList 32\n"
                + "[System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)\n"
                + "$password = ConvertTo-SecureString -String ([System.Convert]::ToBase64String($bytes)) -AsPlainText -Force\n"
                + "$bytes.Length; ([System.Convert]::ToBase64String($bytes)).Length; $password.GetType().FullName",
                "32|44|System.Security.SecureString"},
        {"import-module", "Import-Module -Name 'WebAdministration'\n'loaded'", "loaded"},
        {"scriptblock create", "$sb = [scriptblock]::Create('param($n) $n + 1'); & $sb 41", "42"},
        {"xml cast navigates elements and attributes",
                "[xml]$x = '<D><C><A name=\"n\"><T>1</T><T>2</T><L>2026-01-02T03:04:05.0000000Z</L></A></C></D>'\n"
                + "$x.D.C.A.name; $x.D.C.A.T.Count; $x.D.C.A.L; ([datetime]$x.D.C.A.L).ToUniversalTime().ToString('o'); $x.D.Nope -eq $null",
                "n|2|2026-01-02T03:04:05.0000000Z|2026-01-02T03:04:05.0000000Z|True"},
        {"switch parameter with value", "function F([switch]$Force) { \"force=$Force\" }\nF; F -Force; F -Force:$false",
                "force=False|force=True|force=False"},
    };

    static Stream<Arguments> cases() {
        return Stream.of(CASES).map(c -> Arguments.of(c[0], c[1], c[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesWhatPowerShellWrites(String name, String script, String expected) {
        PsRun.Result r = PsRun.run(PsRun.host(StubExchange.registry()), script);
        assertThat(r.stderr()).as("stderr").isEmpty();
        assertThat(r.exitCode()).isZero();
        String want = expected.isEmpty() ? "" : String.join("\r\n", expected.split("\\|", -1)) + "\r\n";
        assertThat(r.stdout()).isEqualTo(want);
    }

    @Test
    void everyScriptInTheTableIsValidPowerShell() {
        Map<String, String> scripts = new LinkedHashMap<>();
        for (Object[] c : CASES) {
            scripts.put("interp-" + c[0], (String) c[1]);
        }
        PsSyntaxCheck.assertValid(scripts);
    }
}
