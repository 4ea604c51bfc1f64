package io.authcert.notify;

import java.io.IOException;

/** One place to tell: a webhook, a chat, a mailbox. */
public interface Notifier {

    /** Where it goes, without anything secret (a webhook's path and query, an SMTP password): for messages. */
    String describe();

    /** Sends {@code notification}; an answer other than success is an {@link IOException} naming it. */
    void send(Notification notification) throws IOException, InterruptedException;
}
