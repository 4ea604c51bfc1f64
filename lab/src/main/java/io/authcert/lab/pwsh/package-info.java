/**
 * The lab's PowerShell: a simulated {@code powershell.exe} (Windows PowerShell 5.1) with a real
 * grammar for the subset the engine and its users send, the generic cmdlets, and an SPI through
 * which the simulated organisation ({@code lab.exchange}) adds the Exchange cmdlets.
 *
 * <h2>Values</h2>
 * Script values are plain Java objects: {@code null}, {@link java.lang.String}, {@link java.lang.Boolean},
 * {@link java.lang.Integer}, {@link java.lang.Long}, {@link java.lang.Double}, {@code List<Object>}
 * (arrays), {@code byte[]}, plus {@link io.authcert.lab.pwsh.PsObject} (typed objects with ordered
 * properties, optional methods and ToString), {@link io.authcert.lab.pwsh.PsHashtable}
 * ({@code @{}} and {@code [ordered]@{}}), {@link io.authcert.lab.pwsh.PsDateTime} (.NET DateTime with
 * its Kind), {@link io.authcert.lab.pwsh.PsEnum} (enums and [Flags] that print like .NET's,
 * {@code IIS, SMTP}), {@link io.authcert.lab.pwsh.SecureString} and {@link io.authcert.lab.pwsh.ScriptBlock}.
 *
 * <h2>Cmdlets</h2>
 * Implement {@link io.authcert.lab.pwsh.Cmdlet}: a name, the {@link io.authcert.lab.pwsh.Parameter}s,
 * and {@code invoke(Invocation)}. The interpreter binds and converts parameters and reports binding
 * errors as PowerShell does; the cmdlet writes objects, or fails with a terminating
 * {@link io.authcert.lab.pwsh.PsException} or a non-terminating
 * {@link io.authcert.lab.pwsh.Invocation#writeError}. Register it in a
 * {@link io.authcert.lab.pwsh.CmdletRegistry}, under the Exchange snap-in when scripts must load it first:
 * <pre>{@code
 * final class GetAuthConfig implements Cmdlet {
 *     public String name() { return "Get-AuthConfig"; }
 *     public String typeName() { return "Microsoft.Exchange.Management.SystemConfigurationTasks.GetAuthConfig"; }
 *     public List<Parameter> parameters() {
 *         return List.of(Parameter.named("DomainController", PsType.STRING));
 *     }
 *     public void invoke(Invocation call) {
 *         PsObject auth = new PsObject("Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthConfig")
 *                 .set("CurrentCertificateThumbprint", org.currentThumbprint())
 *                 .set("NextCertificateEffectiveDate", org.nextEffective() == null ? null
 *                         : PsDateTime.local(org.nextEffective(), call.clock().getZone()));
 *         call.write(auth);
 *     }
 * }
 *
 * CmdletRegistry registry = CmdletRegistry.withBuiltins()
 *         .register(CmdletRegistry.EXCHANGE_SNAPIN, new GetAuthConfig());
 * PowerShellHost host = new PowerShellHost(registry, Map.of("COMPUTERNAME", "EX01"), simulatedClock);
 * CommandOutcome out = host.run("powershell.exe", List.of("-NoProfile", "-EncodedCommand", base64), stdin);
 * }</pre>
 * A failure the real cmdlet reports, e.g. an unknown thumbprint:
 * <pre>{@code
 * throw new PsException(ErrorRecord.about(thumbprint,
 *         "The certificate with thumbprint " + thumbprint + " was not found.",
 *         ErrorCategory.ObjectNotFound, "4B5F9E2D", "ManagementObjectNotFoundException"));
 * }</pre>
 * printed on stderr (CLIXML) as {@code Get-ExchangeCertificate : The certificate ...}, the position
 * lines, {@code CategoryInfo: ObjectNotFound: (ABC:String) [Get-ExchangeCertificate], ManagementObjectNotFoundException}
 * and {@code FullyQualifiedErrorId : 4B5F9E2D,<typeName()>}.
 *
 * <h2>What a registry from {@link io.authcert.lab.pwsh.CmdletRegistry#withBuiltins()} has</h2>
 * Add-PSSnapin, Get-Command, Write-Error, New-Object, Import-Module, Select-Object, Where-Object,
 * ForEach-Object, Get-Date, Write-Output, Write-Host, Write-Warning, Out-Null, ConvertTo-Json,
 * ConvertFrom-Json, ConvertTo-SecureString; the Exchange snap-in and the modules WebAdministration,
 * CimCmdlets and Microsoft.PowerShell.* as installed. The server-side cmdlets gather.ps1 and the
 * engine's steps call (Get-ExchangeServer, Get-AuthConfig, Get-ExchangeCertificate,
 * Get-HybridConfiguration, Get-CimInstance, Get-Process, Get-Service, Restart-Service,
 * Get-WebAppPoolState, Restart-WebAppPool, Get-ChildItem IIS:\AppPools\..., Get-WebBinding...) come from
 * {@code lab.exchange}.
 *
 * <h2>The language</h2>
 * {@link io.authcert.lab.pwsh.Parser} is a hand-written recursive-descent parser (expression and
 * argument modes as in PowerShell) for: statements separated by newlines and ';', pipelines, commands
 * with named/positional/switch/{@code -Name:value} parameters, {@code &} and script blocks, single-
 * and double-quoted strings with escapes and {@code $var}/{@code $(...)} expansion, here-strings,
 * numbers (hex, kb/mb suffixes), {@code @()}, {@code @{}}, {@code [ordered]}, arrays with ',', variables
 * ({@code $env:}, {@code $script:}, {@code $_}, {@code $PSItem}), member access, indexing, method calls,
 * static members, casts, the comparison/logical/arithmetic/-split/-join/-replace/-f operators,
 * {@code ++}/{@code --}, if/elseif/else, foreach, while, break/continue, try/catch/finally, throw,
 * return, exit, functions with parameters. Anything else (switch, for, do, classes, redirection,
 * dot-sourcing, parameter attributes) is a ParserError "The lab's PowerShell does not support ...":
 * exit 1, nothing runs. Errors follow PowerShell's rules: non-terminating errors print and go on
 * (unless -ErrorAction/$ErrorActionPreference is Stop), statement-terminating errors end their
 * statement, throw ends the script, try/catch catches all of them.
 *
 * <h2>The process</h2>
 * {@link io.authcert.lab.pwsh.PowerShellHost#run} reads the powershell.exe command line
 * ({@code -EncodedCommand}, {@code -Command -} with the script on stdin, {@code -Command text}),
 * runs the script in a fresh runspace and returns stdout (objects formatted as powershell.exe
 * formats them, CRLF line ends, UTF-8 only when the script set {@code [Console]::OutputEncoding} to
 * UTF8, else code page 437), stderr in the {@code #< CLIXML} form, and the exit code (the number
 * given to {@code exit}; else 1 when the script was ended by an error or its last statement failed;
 * else 0). The script's output goes through one Out-Default: strings verbatim, objects as tables (up
 * to four properties, or the {@link io.authcert.lab.pwsh.PsObject#withDefaultDisplay} set) or lists.
 * {@code -Command -} reads standard input as powershell.exe does (piece by piece; an error ends only
 * its piece; a block needs an empty line after it). {@link io.authcert.lab.pwsh.PowerShellHost#withConsoleWidth(int)}
 * wraps error lines at 80 columns as powershell.exe does under WinRM (off by default).
 */
package io.authcert.lab.pwsh;
