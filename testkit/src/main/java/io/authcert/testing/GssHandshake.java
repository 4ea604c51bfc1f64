package io.authcert.testing;

import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/** The JGSS calls both sides of a Kerberos test make, each run as its JAAS Subject. */
public final class GssHandshake {
    public static final Oid KRB5 = oid("1.2.840.113554.1.2.2");

    private GssHandshake() {
    }

    public static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (org.ietf.jgss.GSSException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static GSSContext initiator(Subject user, String service) throws Exception {
        return as(user, () -> {
            GSSManager m = GSSManager.getInstance();
            GSSName target = m.createName(service, GSSName.NT_HOSTBASED_SERVICE);
            GSSCredential cred = m.createCredential(null, GSSCredential.DEFAULT_LIFETIME, KRB5, GSSCredential.INITIATE_ONLY);
            GSSContext ctx = m.createContext(target, KRB5, cred, GSSContext.DEFAULT_LIFETIME);
            ctx.requestMutualAuth(true);
            ctx.requestCredDeleg(true);
            ctx.requestConf(true);
            ctx.requestInteg(true);
            return ctx;
        });
    }

    public static GSSContext acceptor(Subject service) throws Exception {
        return as(service, () -> {
            GSSManager m = GSSManager.getInstance();
            GSSCredential cred = m.createCredential(null, GSSCredential.INDEFINITE_LIFETIME, KRB5, GSSCredential.ACCEPT_ONLY);
            return m.createContext(cred);
        });
    }

    public static <T> T as(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
        return Subject.doAs(subject, action);
    }
}
