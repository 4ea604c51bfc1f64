package io.authcert.notify;

import java.net.URI;

/** How a webhook is named in messages: scheme and host only, since the path of a Slack or Teams webhook is its secret. */
final class Redacted {

    private Redacted() {
    }

    static String url(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
    }
}
