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
 * <h2>The process</h2>
 * {@link io.authcert.lab.pwsh.PowerShellHost#run} reads the powershell.exe command line
 * ({@code -EncodedCommand}, {@code -Command -} with the script on stdin, {@code -Command text}),
 * runs the script in a fresh runspace and returns stdout (objects formatted as powershell.exe
 * formats them, CRLF line ends, UTF-8 only when the script set {@code [Console]::OutputEncoding} to
 * UTF8, else code page 437), stderr in the {@code #< CLIXML} form, and the exit code.
 */
package io.authcert.lab.pwsh;
