package io.authcert.transport.winrm.kerberos;

import io.authcert.security.kerberos.KerberosSealer;
import io.authcert.security.wsman.MessageSealer;
import io.authcert.transport.winrm.kerberos.KerberosException.Reason;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * One JGSS initiator context, for one TCP connection (HTTP.sys binds the logon to the connection):
 * mutual authentication, sequence detection, confidentiality and integrity, and delegation when asked,
 * as requests_kerberos asks pykerberos for them (GSS_C_MUTUAL_FLAG | GSS_C_SEQUENCE_FLAG, plus
 * GSS_C_DELEG_FLAG). Channel binding over HTTPS would go in {@link #start}, before the first token; not
 * with {@code GSSContext.setChannelBinding}, whose address types (255) Windows does not match
 * (docs/winrm.md, channel binding).
 */
public final class KerberosInitiator {

    private static final Oid KRB5 = oid("1.2.840.113554.1.2.2");

    private final Subject subject;
    private final GSSContext context;
    private final String service;
    private final boolean delegate;

    private KerberosInitiator(Subject subject, GSSContext context, String service, boolean delegate) {
        this.subject = subject;
        this.context = context;
        this.service = service;
        this.delegate = delegate;
    }

    /** A new context from the user's Subject to {@code service} ({@code HTTP@host}). */
    public static KerberosInitiator start(Subject subject, String service, boolean delegate) throws KerberosException {
        GSSContext context = as(subject, service, () -> {
            GSSManager manager = GSSManager.getInstance();
            GSSName server = manager.createName(service, GSSName.NT_HOSTBASED_SERVICE);
            GSSCredential own = manager.createCredential(null, GSSCredential.DEFAULT_LIFETIME, KRB5,
                    GSSCredential.INITIATE_ONLY);
            GSSContext c = manager.createContext(server, KRB5, own, GSSContext.DEFAULT_LIFETIME);
            c.requestMutualAuth(true);
            c.requestSequenceDet(true);
            c.requestConf(true);
            c.requestInteg(true);
            c.requestCredDeleg(delegate);
            return c;
        });
        return new KerberosInitiator(subject, context, service, delegate);
    }

    /**
     * The AP-REQ for the {@code Authorization} header (a raw Kerberos GSS token under {@code Negotiate}, as
     * requests_kerberos sends it); the service ticket is fetched now, or taken from the Subject.
     */
    public byte[] firstToken() throws KerberosException {
        byte[] token;
        // One TGS exchange per user and service: the ticket JGSS gets lands in the shared Subject.
        synchronized (subject) {
            token = as(subject, service, () -> context.initSecContext(new byte[0], 0, 0));
        }
        if (delegate && !context.getCredDelegState()) {
            throw new KerberosException(Reason.CONFIGURATION, "ansible_winrm_kerberos_delegation is on, but the"
                    + " user's ticket-granting ticket is not forwardable, so it cannot be delegated to "
                    + service.replace('@', '/') + "; with a ticket cache, kinit -f; with a password, set"
                    + " forwardable = true in [libdefaults] of krb5.conf (" + Krb5Config.describe() + ")");
        }
        return token;
    }

    /**
     * Checks the server's answer (the AP-REP from {@code WWW-Authenticate: Negotiate}): afterwards the
     * context is established and the server proved it holds the service's key.
     */
    public void complete(byte[] reply) throws KerberosException {
        byte[] more;
        try {
            more = as(subject, service, () -> context.initSecContext(reply, 0, reply.length));
        } catch (KerberosException e) {
            throw e.reason() == Reason.MUTUAL_AUTHENTICATION_FAILED ? e
                    : KerberosFailures.mutual(service, KerberosFailures.firstLine(e.getMessage()), e);
        }
        if (!context.isEstablished() || (more != null && more.length > 0)) {
            throw KerberosFailures.mutual(service, "the context is not complete after the server's answer", null);
        }
        if (!context.getMutualAuthState()) {
            throw KerberosFailures.mutual(service, "the server's identity was not checked", null);
        }
    }

    /** The sealer for this connection's bodies (MS-WSMV 2.2.9.1), once {@link #complete} has passed. */
    public MessageSealer sealer() throws KerberosException {
        try {
            return new KerberosSealer(context);
        } catch (IllegalArgumentException e) {
            throw new KerberosException(Reason.CONFIGURATION, "the Kerberos session with " + service.replace('@', '/')
                    + " cannot encrypt WinRM messages: " + e.getMessage(), e);
        }
    }

    /** True when the server got the user's TGT (second hop). */
    public boolean delegated() {
        return context.getCredDelegState();
    }

    public void dispose() {
        try {
            context.dispose();
        } catch (GSSException ignored) {
            // nothing is held outside the JVM
        }
    }

    /**
     * Gets the ticket for {@code service} into the Subject without keeping a context: Negotiate's test
     * of whether Kerberos can be used for this server at all.
     */
    public static void obtainTicket(Subject subject, String service) throws KerberosException {
        KerberosInitiator probe = start(subject, service, false);
        try {
            probe.firstToken();
        } finally {
            probe.dispose();
        }
    }

    @SuppressWarnings("removal")
    private static <T> T as(Subject subject, String service, PrivilegedExceptionAction<T> action) throws KerberosException {
        try {
            return Subject.doAs(subject, action);
        } catch (PrivilegedActionException e) {
            Exception cause = e.getException();
            throw KerberosFailures.context(service, cause);
        }
    }

    private static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
