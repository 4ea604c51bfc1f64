package io.authcert.transport.winrm.http;

import io.authcert.transport.winrm.kerberos.KerberosException;
import io.authcert.transport.winrm.kerberos.KerberosInitiator;
import io.authcert.transport.winrm.kerberos.KerberosLogins;
import io.authcert.transport.winrm.kerberos.KerberosUser;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.Subject;

/**
 * Kerberos through the JDK's GSS-API, one context per TCP connection, as pywinrm with
 * requests_kerberos speaks it: a raw Kerberos token under {@code Negotiate}, mutual authentication
 * required (the server's {@code WWW-Authenticate: Negotiate} token on the answer is checked before the
 * answer is used), no {@code Authorization} header once the connection is authenticated.
 *
 * <ul>
 *   <li>With message encryption (HTTP): an empty-body request carries the token first, as pywinrm's
 *       {@code setup_encryption} sends one, so no SOAP travels before the server proved who it is; then
 *       every body is sealed with the context ({@code KerberosSealer}, MS-WSMV 2.2.9.1).</li>
 *   <li>Without (HTTPS): the token goes with the first message and the answer's token is checked.</li>
 * </ul>
 *
 * The user's TGT comes from the run's {@link KerberosLogins}; the first connection gets the service
 * ticket, later ones reuse it.
 *
 * <p>A ticket that expires mid-run: a 401 to a request on the authenticated connection (the server ended the
 * context), or to an AP-REQ with a ticket this server accepted earlier in the run, makes the run log on again
 * once ({@link KerberosLogins#renewAfterRefusal}) and the connection authenticate again with a new ticket, so the
 * refused request, which the server did not process, goes again. Once per refusal: a second 401 before any
 * request was answered is a refusal, not another expiry.
 */
public final class KerberosAuthenticator implements HttpAuthenticator {

    private enum State { NEW, TOKEN_SENT, AUTHENTICATED }

    private final KerberosLogins logins;
    private final KerberosUser user;
    private final String service;
    private final boolean delegate;
    private final boolean encrypt;
    private State state = State.NEW;
    private KerberosInitiator initiator;
    private Subject subject;
    private MessageSealing sealing;
    /** Logged on again after a refusal, and no request answered since: another refusal is final. */
    private boolean renewedSinceAnswer;

    /**
     * @param service  {@code HTTP@host}, host-based as GSS-API names it
     * @param delegate forward the user's TGT to the server ({@code ansible_winrm_kerberos_delegation})
     * @param encrypt  seal every body (HTTP); false over HTTPS
     */
    public KerberosAuthenticator(KerberosLogins logins, KerberosUser user, String service, boolean delegate,
                                 boolean encrypt) {
        this.logins = logins;
        this.user = user;
        this.service = service;
        this.delegate = delegate;
        this.encrypt = encrypt;
    }

    @Override
    public boolean handshakePending() {
        return encrypt && state != State.AUTHENTICATED;
    }

    @Override
    public Optional<String> authorization() throws IOException {
        if (state != State.NEW) {
            return Optional.empty();
        }
        subject = logins.subject(user);
        initiator = KerberosInitiator.start(subject, service, delegate);
        byte[] token;
        try {
            token = initiator.firstToken();
        } catch (KerberosException e) {
            reset();
            throw e;
        }
        state = State.TOKEN_SENT;
        return Optional.of("Negotiate " + Base64.getEncoder().encodeToString(token));
    }

    /**
     * A 401 to a ticket this server never took: it cannot accept it (wrong SPN, clock, policy), and another token
     * for the same ticket will not help. A 401 that ends a context the server had accepted, or that refuses a ticket
     * it accepted earlier in the run, means the ticket expired: log on again once and authenticate again.
     */
    @Override
    public boolean challenge(List<String> wwwAuthenticate) throws IOException {
        State was = state;
        Subject used = subject;
        reset();
        if (renewedSinceAnswer || used == null) {
            return false;
        }
        boolean contextEnded = was == State.AUTHENTICATED;
        boolean acceptedBefore = was == State.TOKEN_SENT && logins.wasAccepted(user, used, service);
        if (!contextEnded && !acceptedBefore) {
            return false;
        }
        logins.renewAfterRefusal(user, used, service);
        renewedSinceAnswer = true;
        return true;
    }

    @Override
    public void answered(HttpResponse response) throws IOException {
        if (state == State.AUTHENTICATED) {
            renewedSinceAnswer = false;
            return;
        }
        if (state != State.TOKEN_SENT) {
            return;
        }
        Optional<String> token = negotiateToken(response.all("www-authenticate"));
        if (token.isEmpty() && response.status() >= 400) {
            // As requests_kerberos: an error answer need not authenticate the server; the next request starts over.
            reset();
            return;
        }
        try {
            if (token.isEmpty()) {
                throw refused("it answered HTTP " + response.status() + " without a Negotiate token");
            }
            initiator.complete(decode(token.get()));
            if (encrypt) {
                sealing = new EncryptedBodySealing(initiator.sealer());
            }
        } catch (KerberosException e) {
            reset();
            throw e;
        }
        state = State.AUTHENTICATED;
        logins.accepted(user, subject, service);
        if (!encrypt) {
            renewedSinceAnswer = false;   // the token rode on the message, which is answered
        }
    }

    @Override
    public void connectionOpened() {
        reset();
    }

    @Override
    public Optional<MessageSealing> sealing() {
        return Optional.ofNullable(sealing);
    }

    /** True once the server got the user's TGT on this connection (second hop). */
    public boolean delegated() {
        return state == State.AUTHENTICATED && initiator.delegated();
    }

    private void reset() {
        if (initiator != null) {
            initiator.dispose();
        }
        initiator = null;
        subject = null;
        sealing = null;
        state = State.NEW;
    }

    /** The token of a {@code Negotiate} (or {@code Kerberos}) challenge, among several or comma-joined ones. */
    static Optional<String> negotiateToken(List<String> wwwAuthenticate) {
        for (String header : wwwAuthenticate) {
            for (String challenge : header.split(",")) {
                String[] parts = challenge.strip().split("\\s+", 2);
                String scheme = parts[0].toLowerCase(Locale.ROOT);
                if (parts.length == 2 && (scheme.equals("negotiate") || scheme.equals("kerberos"))) {
                    return Optional.of(parts[1].strip());
                }
            }
        }
        return Optional.empty();
    }

    private byte[] decode(String token) throws KerberosException {
        try {
            return Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw refused("its Negotiate token is not Base64");
        }
    }

    private KerberosException refused(String why) {
        return new KerberosException(KerberosException.Reason.MUTUAL_AUTHENTICATION_FAILED, "the server did not"
                + " prove that it is " + service.replace('@', '/') + " (mutual authentication): " + why
                + "; nothing more was sent to it");
    }

    @Override
    public String toString() {
        return "Kerberos to " + service + (encrypt ? " with message encryption" : "");
    }
}
