package io.authcert.cli;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.notify.MailNotifier;
import io.authcert.notify.Notifications;
import io.authcert.notify.Notifier;
import io.authcert.notify.NotifyOn;
import io.authcert.notify.WebhookFormat;
import io.authcert.notify.WebhookNotifier;
import io.authcert.vault.Secret;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --notify} and its SMTP settings, read into {@link Notifications} before anything connects, so a
 * bad target stops the apply at once. A webhook URL may come from the environment ({@code env:NAME}):
 * the path of a Slack or Teams webhook is its secret and has no place in a crontab or {@code ps}.
 */
final class NotifyOptions {

    static final String SMTP_USER_ENV = "AUTHCERT_SMTP_USER";
    static final String SMTP_PASSWORD_ENV = "AUTHCERT_SMTP_PASSWORD";

    @Option(names = "--notify", paramLabel = "TARGET",
            description = "Tell TARGET when the apply changed something, failed, or needs a person (repeatable):"
                    + " https://... (authcert's JSON), slack+https://..., teams+https://..., mailto:ADDR[,ADDR];"
                    + " a URL may be env:NAME (read from that environment variable). docs/unattended.md")
    List<String> targets = new ArrayList<>();

    @Option(names = "--notify-on", paramLabel = "OUTCOMES", split = ",",
            description = "Which outcomes of the apply notify: any of changed, failed, needs_human, held_back, always"
                    + " (comma-separated; default changed,failed,needs_human,held_back). docs/unattended.md")
    List<String> notifyOn = new ArrayList<>();

    @Option(names = "--smtp", paramLabel = "HOST[:PORT]", description = "The SMTP server for mailto: targets (port 25 by default);"
            + " user and password from $" + SMTP_USER_ENV + " and $" + SMTP_PASSWORD_ENV + " when set.")
    String smtp;

    @Option(names = "--smtp-require-tls", description = "Refuse to mail unless the SMTP server takes STARTTLS (it is used whenever offered).")
    boolean smtpRequireTls;

    @Option(names = "--mail-from", paramLabel = "ADDR", description = "The sender of mailto: notifications (default authcert@localhost).")
    String mailFrom;

    Notifications notifications(Map<String, String> environment) {
        List<Notifier> notifiers = new ArrayList<>();
        List<InternetAddress> recipients = new ArrayList<>();
        for (String target : targets) {
            String t = target.trim();
            if (t.startsWith("mailto:")) {
                recipients.addAll(addresses(t.substring("mailto:".length()), target));
            } else if (t.startsWith("slack+")) {
                notifiers.add(new WebhookNotifier(url(t.substring("slack+".length()), target, environment), WebhookFormat.SLACK));
            } else if (t.startsWith("teams+")) {
                notifiers.add(new WebhookNotifier(url(t.substring("teams+".length()), target, environment), WebhookFormat.TEAMS));
            } else {
                notifiers.add(new WebhookNotifier(url(t, target, environment), WebhookFormat.GENERIC));
            }
        }
        if (!recipients.isEmpty()) {
            notifiers.add(new MailNotifier(smtp(environment), from(), recipients));
        } else if (smtp != null) {
            throw bad("--smtp", "--smtp is given but no --notify mailto:ADDR names a recipient", "add --notify mailto:admins@example.com");
        }
        if (!notifyOn.isEmpty() && targets.isEmpty()) {
            throw bad("--notify-on", "--notify-on is given but no --notify names whom to tell",
                    "add --notify mailto:admins@example.com (or a webhook)");
        }
        return new Notifications(notifiers, notifyOn());
    }

    /** The outcomes that notify: the default, or what {@code --notify-on} names. */
    private NotifyOn notifyOn() {
        if (notifyOn.isEmpty()) {
            return NotifyOn.DEFAULT;
        }
        try {
            return NotifyOn.parse(notifyOn);
        } catch (IllegalArgumentException e) {
            throw bad("--notify-on " + String.join(",", notifyOn), e.getMessage(), "use --notify-on changed,failed,needs_human,held_back"
                    + " (the default) or --notify-on always");
        }
    }

    private static URI url(String value, String target, Map<String, String> environment) {
        String text = value;
        String where = "--notify " + shown(target);
        if (value.startsWith("env:")) {
            String name = value.substring("env:".length());
            text = environment.get(name);
            if (text == null || text.isBlank()) {
                throw bad(where, "the environment variable " + name + " is not set or empty",
                        "export " + name + "=https://... (the webhook URL) in the job's environment");
            }
            where = where + " ($" + name + ")";
        }
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw bad(where, "is not a URL", "give the webhook's https:// URL, or slack+https://, teams+https://, mailto:ADDR");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
            throw bad(where, "is not an http(s) URL with a host", "give the webhook's https:// URL, or slack+https://,"
                    + " teams+https://, mailto:ADDR (a URL may be env:NAME)");
        }
        return uri;
    }

    /** A target as it may be shown: a literal URL keeps only its scheme and host (its path may be the secret). */
    private static String shown(String target) {
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return target;
        }
        int path = target.indexOf('/', scheme + 3);
        return path < 0 ? target : target.substring(0, path) + "/…";
    }

    private static List<InternetAddress> addresses(String list, String target) {
        List<InternetAddress> out = new ArrayList<>();
        for (String a : list.split(",")) {
            try {
                InternetAddress address = new InternetAddress(a.trim(), true);
                out.add(address);
            } catch (AddressException e) {
                throw bad("--notify " + target, "'" + a.trim() + "' is not a mail address", "use --notify mailto:admins@example.com");
            }
        }
        return out;
    }

    private MailNotifier.Smtp smtp(Map<String, String> environment) {
        if (smtp == null) {
            throw bad("--notify mailto:", "a mail notification needs the SMTP server", "add --smtp mail.example.com:25");
        }
        String host = smtp;
        int port = 25;
        int colon = smtp.lastIndexOf(':');
        if (colon > 0) {
            host = smtp.substring(0, colon);
            try {
                port = Integer.parseInt(smtp.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw bad("--smtp " + smtp, "the port is not a number from 1 to 65535", "use --smtp mail.example.com:587");
            }
        }
        String user = environment.get(SMTP_USER_ENV);
        String password = environment.get(SMTP_PASSWORD_ENV);
        if (password != null && (user == null || user.isBlank())) {
            throw bad("$" + SMTP_PASSWORD_ENV, "an SMTP password is set but no user", "export " + SMTP_USER_ENV + "=the account");
        }
        return new MailNotifier.Smtp(host, port, smtpRequireTls, user == null || user.isBlank() ? null : user,
                password == null ? null : Secret.of(password));
    }

    private InternetAddress from() {
        try {
            return new InternetAddress(mailFrom == null ? "authcert@localhost" : mailFrom, true);
        } catch (AddressException e) {
            throw bad("--mail-from", "'" + mailFrom + "' is not a mail address", "use --mail-from authcert@example.com");
        }
    }

    private static InputException bad(String where, String what, String fix) {
        return InputException.of(SourceLocation.ofFile(where), what, fix);
    }
}
