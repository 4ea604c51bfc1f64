package io.authcert.lab.pwsh;

/**
 * A PowerShell error as a cmdlet reports it. The host adds the command name, the position and the
 * cmdlet's type to the errorId when it prints it:
 * <pre>
 * Get-ExchangeCertificate : The certificate with thumbprint X was not found.
 * At line:1 char:1
 * + Get-ExchangeCertificate -Thumbprint X
 * + ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
 *     + CategoryInfo          : ObjectNotFound: (X:String) [Get-ExchangeCertificate], ManagementObjectNotFoundException
 *     + FullyQualifiedErrorId : 4B5F9E2D,Microsoft.Exchange.Management.SystemConfigurationTasks.GetExchangeCertificate
 * </pre>
 *
 * @param message       the exception message (what {@code $_.Exception.Message} returns)
 * @param category      the CategoryInfo category
 * @param errorId       the error id; the host appends ",&lt;cmdlet type&gt;" for cmdlet errors
 * @param targetName    the target object's text in CategoryInfo's "(name:type)", may be empty
 * @param targetType    the target's short .NET type name ("String"), may be empty
 * @param exceptionType the short exception type name shown last in CategoryInfo
 */
public record ErrorRecord(String message, ErrorCategory category, String errorId, String targetName,
                         String targetType, String exceptionType) {

    public ErrorRecord {
        targetName = targetName == null ? "" : targetName;
        targetType = targetType == null ? "" : targetType;
    }

    /** An error without a target object. */
    public static ErrorRecord of(String message, ErrorCategory category, String errorId, String exceptionType) {
        return new ErrorRecord(message, category, errorId, "", "", exceptionType);
    }

    /** An error about a string target, e.g. a thumbprint: "(ABCD:String)". */
    public static ErrorRecord about(String target, String message, ErrorCategory category, String errorId,
                                    String exceptionType) {
        return new ErrorRecord(message, category, errorId, target, target == null ? "" : "String", exceptionType);
    }

    @Override
    public String toString() {
        return message;
    }
}
