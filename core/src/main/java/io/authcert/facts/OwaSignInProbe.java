package io.authcert.facts;

import java.time.Duration;

/** Signs in to a server's OWA by forms as its test mailbox, to see what users see. */
public interface OwaSignInProbe {

    /**
     * Never throws: a target not checked is {@link OwaHealth.Status#NOT_CONFIGURED} with the reason, no
     * answer {@link OwaHealth.Status#UNREACHABLE}. The password never appears in the result.
     */
    OwaHealth signIn(OwaSignInTarget target, Duration timeout);
}
