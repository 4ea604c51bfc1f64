package io.authcert.security.ntlm;

/** The outcome of a verified AUTHENTICATE: who (as the client named itself) and the session to seal with. */
public record NtlmAuthenticated(String domain, String user, String workstation, NtlmSession session) {

    @Override
    public String toString() {
        return "NtlmAuthenticated[" + domain + "\\" + user + " from " + workstation + "]";
    }
}
