package io.authcert.transport.winrm.http;

import io.authcert.security.cbt.ChannelBindings;
import io.authcert.security.ntlm.NtlmClient;
import io.authcert.security.ntlm.NtlmException;
import io.authcert.security.wsman.EncryptedBody;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * NTLM (raw NTLMSSP tokens in {@code Negotiate}, as pywinrm sends them), authenticated once per TCP
 * connection with an empty-body handshake so that no message travels in clear, then optionally
 * sealing every body (MS-WSMV 2.2.9.1) with that connection's session. Over HTTPS the logon carries the
 * TLS channel's bindings, as pywinrm's does, so servers at CbtHardeningLevel Strict accept it.
 */
public final class NtlmAuthenticator implements HttpAuthenticator {

    private enum State { NEW, NEGOTIATE_SENT, AUTHENTICATE_READY, AUTHENTICATED }

    private final String user;
    private final String domain;
    private final char[] password;
    private final boolean encrypt;
    private NtlmClient client;
    private State state = State.NEW;
    private byte[] authenticate;
    private MessageSealing sealing;
    private ChannelBindings bindings;

    /** {@code account} as the inventory writes it: {@code DOMAIN\\user}, {@code user@REALM} or {@code user}. */
    public NtlmAuthenticator(String account, String password, boolean encrypt) {
        int slash = account.indexOf('\\');
        this.domain = slash < 0 ? "" : account.substring(0, slash);
        this.user = slash < 0 ? account : account.substring(slash + 1);
        this.password = password.toCharArray();
        this.encrypt = encrypt;
    }

    String user() {
        return user;
    }

    String domain() {
        return domain;
    }

    @Override
    public boolean handshakePending() {
        return state != State.AUTHENTICATED;
    }

    @Override
    public Optional<String> authorization() {
        switch (state) {
            case NEW -> {
                client = new NtlmClient();
                state = State.NEGOTIATE_SENT;
                return Optional.of("Negotiate " + Base64.getEncoder().encodeToString(client.negotiate()));
            }
            case AUTHENTICATE_READY -> {
                state = State.AUTHENTICATED;
                if (encrypt) {
                    sealing = new EncryptedBodySealing(client.session());
                }
                return Optional.of("Negotiate " + Base64.getEncoder().encodeToString(authenticate));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    @Override
    public boolean challenge(List<String> wwwAuthenticate) throws IOException {
        if (state != State.NEGOTIATE_SENT) {
            return false;
        }
        for (String h : wwwAuthenticate) {
            String[] parts = h.strip().split("\\s+", 2);
            if (parts.length == 2 && (parts[0].equalsIgnoreCase("Negotiate") || parts[0].equalsIgnoreCase("NTLM"))) {
                try {
                    authenticate = client.authenticate(Base64.getDecoder().decode(parts[1].strip()), user, domain, password,
                            bindings);
                } catch (NtlmException | IllegalArgumentException e) {
                    throw new MalformedResponseException("the server's NTLM challenge is malformed or refuses NTLMv2");
                }
                state = State.AUTHENTICATE_READY;
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectionOpened() {
        state = State.NEW;
        client = null;
        authenticate = null;
        sealing = null;
        bindings = null;
    }

    @Override
    public void channelBindings(ChannelBindings tlsBindings) {
        bindings = tlsBindings;
    }

    @Override
    public Optional<MessageSealing> sealing() {
        return Optional.ofNullable(sealing);
    }

    @Override
    public String toString() {
        return "NTLM" + (encrypt ? " with message encryption" : "");
    }
}
