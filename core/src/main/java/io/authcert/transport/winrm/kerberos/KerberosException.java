package io.authcert.transport.winrm.kerberos;

import java.io.IOException;

/**
 * A Kerberos step that failed before or while authenticating a connection, said in plain words with
 * what to change. Its message never carries a password; the cause (the JDK's exception) is kept for
 * a stack trace on request.
 */
public final class KerberosException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, so that Negotiate can tell "Kerberos is not available here" from "refused". */
    public enum Reason {
        /** No password and no usable ticket cache or client keytab. */
        NO_CREDENTIALS,
        /** The KDC refused the logon: wrong password, unknown or disabled user, expired ticket. */
        LOGON_REFUSED,
        /** No KDC for the realm could be found or reached. */
        KDC_UNREACHABLE,
        /** The KDC has no service principal for the server's name. */
        UNKNOWN_SERVICE,
        /** The server's answer did not prove that it holds the service's key. */
        MUTUAL_AUTHENTICATION_FAILED,
        /** The local Kerberos set-up cannot be used as it is (krb5.conf, cache type, enctype). */
        CONFIGURATION,
        /**
         * The server no longer accepts a ticket it had accepted (it expired mid-run), and the engine cannot get a
         * new one by itself: the user's own ticket cache, which only kinit renews.
         */
        TICKET_EXPIRED
    }

    private final Reason reason;

    public KerberosException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public KerberosException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** True when Negotiate may fall back to NTLM: Kerberos cannot be used here, but nothing was refused. */
    public boolean kerberosUnavailable() {
        return reason == Reason.NO_CREDENTIALS || reason == Reason.KDC_UNREACHABLE || reason == Reason.UNKNOWN_SERVICE;
    }
}
