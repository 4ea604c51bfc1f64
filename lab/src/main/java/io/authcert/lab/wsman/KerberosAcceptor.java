package io.authcert.lab.wsman;

import io.authcert.security.kerberos.KerberosSealer;
import io.authcert.security.wsman.MessageSealer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * One server's side of Kerberos through the JDK's JGSS: its {@code HTTP/} key from a keytab, and acceptor
 * contexts that take either a raw Kerberos token or SPNEGO (JGSS picks the mechanism from the token's OID).
 * The credential is bound to the server's own principal, so a ticket for another server's name is refused
 * even when the keytab holds that name's key too, as on Windows, where each computer has its own key.
 */
final class KerberosAcceptor {

    static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
    static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
    private static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

    private final String principal;
    private final Subject service;
    private final GSSCredential credential;

    private KerberosAcceptor(String principal, Subject service, GSSCredential credential) {
        this.principal = principal;
        this.service = service;
        this.credential = credential;
    }

    /**
     * The acceptor of {@code server} ({@code HTTP/server.dnsDomain@REALM}).
     *
     * @throws IllegalArgumentException when the keytab is unreadable or holds no key for that principal
     */
    static KerberosAcceptor forServer(KerberosSettings settings, String server, String dnsDomain) {
        String name = settings.servicePrincipal(server, dnsDomain);
        Path file = settings.keytab();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("Kerberos keytab " + file + " is not a readable file; give the keytab"
                    + " exported for the lab's HTTP/ service principals (kadmin: ktadd -k FILE " + name + ")");
        }
        KerberosPrincipal p = new KerberosPrincipal(name, KerberosPrincipal.KRB_NT_PRINCIPAL);
        KeyTab keytab = KeyTab.getInstance(p, new File(file.toString()));
        if (keytab.getKeys(p).length == 0) {
            throw new IllegalArgumentException("Kerberos keytab " + file + " holds no key for " + name
                    + " (see klist -k " + file + "); add it with kadmin: ktadd -k " + file + " " + name
                    + ", or give the realm the key was made in");
        }
        Subject subject = new Subject();
        subject.getPrincipals().add(p);
        subject.getPrivateCredentials().add(keytab);
        try {
            GSSCredential credential = as(subject, () -> {
                GSSManager m = GSSManager.getInstance();
                GSSName own = m.createName(name, KRB5_PRINCIPAL_NAME);
                return m.createCredential(own, GSSCredential.INDEFINITE_LIFETIME, new Oid[] {KRB5, SPNEGO},
                        GSSCredential.ACCEPT_ONLY);
            });
            return new KerberosAcceptor(name, subject, credential);
        } catch (GSSException e) {
            throw new IllegalArgumentException("cannot use the key of " + name + " from " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Points JGSS at {@code krb5Conf} (null: leave the JVM's). JGSS reads {@code java.security.krb5.conf}
     * once per JVM, so another file already in use is refused rather than silently ignored.
     */
    static synchronized void useKrb5Conf(Path krb5Conf) {
        if (krb5Conf == null) {
            return;
        }
        if (!Files.isRegularFile(krb5Conf)) {
            throw new IllegalArgumentException("krb5.conf " + krb5Conf + " is not a file; give the krb5.conf of the"
                    + " realm the keytab belongs to (what KRB5_CONFIG names for kinit)");
        }
        Path wanted = krb5Conf.toAbsolutePath().normalize();
        String current = System.getProperty("java.security.krb5.conf");
        if (current == null) {
            System.setProperty("java.security.krb5.conf", wanted.toString());
        } else if (!Path.of(current).toAbsolutePath().normalize().equals(wanted)) {
            throw new IllegalArgumentException("this JVM already reads krb5.conf from " + current + " (JGSS reads it"
                    + " once per JVM); start the lab with that file, or in its own JVM, instead of " + krb5Conf);
        }
    }

    /** The principal tickets must be issued for. */
    String principal() {
        return principal;
    }

    /** A new acceptor context, for one connection. */
    GSSContext newContext() throws GSSException {
        return as(service, () -> GSSManager.getInstance().createContext(credential));
    }

    /** Feeds the client's token to {@code context}; returns the token to send back, or null. */
    byte[] accept(GSSContext context, byte[] token) throws GSSException {
        return as(service, () -> context.acceptSecContext(token, 0, token.length));
    }

    /**
     * What seals the bodies of an established context, or null when it cannot: no confidentiality was
     * granted, or the session key's enctype is one WinRM's framing is not written for here (RC4).
     */
    static MessageSealer sealerFor(GSSContext established) {
        try {
            return new KerberosSealer(established);
        } catch (IllegalArgumentException cannotSeal) {
            return null;
        }
    }

    private static <T> T as(Subject subject, PrivilegedExceptionAction<T> action) throws GSSException {
        try {
            return Subject.doAs(subject, action);
        } catch (PrivilegedActionException e) {
            if (e.getException() instanceof GSSException gss) {
                throw gss;
            }
            throw new IllegalStateException(e.getException());
        }
    }

    private static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public String toString() {
        return "KerberosAcceptor[" + principal + "]";
    }
}
