package io.authcert.notify;

import io.authcert.vault.Secret;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Mails a notification over SMTP, as Microsoft's MonitorExchangeAuthCertificate script mails its results:
 * a plain text body with what was done, what is missing where, and what a person must do. STARTTLS is
 * used when the server offers it, or required with {@code requireTls}; a user and password (never
 * printed) authenticate when given.
 */
public final class MailNotifier implements Notifier {

    /** How to reach the SMTP server and as whom. {@code user} and {@code password} may be null. */
    public record Smtp(String host, int port, boolean requireTls, String user, Secret password) {
        public Smtp {
            Objects.requireNonNull(host, "host");
        }
    }

    private static final String TIMEOUT_MS = "15000";

    private final Smtp smtp;
    private final InternetAddress from;
    private final List<InternetAddress> to;

    public MailNotifier(Smtp smtp, InternetAddress from, List<InternetAddress> to) {
        this.smtp = Objects.requireNonNull(smtp, "smtp");
        this.from = Objects.requireNonNull(from, "from");
        this.to = List.copyOf(to);
        if (this.to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs at least one recipient");
        }
    }

    @Override
    public String describe() {
        return "mail to " + String.join(", ", to.stream().map(InternetAddress::getAddress).toList()) + " via " + smtp.host() + ":"
                + smtp.port();
    }

    @Override
    public void send(Notification notification) throws IOException {
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", Boolean.toString(smtp.requireTls()));
        p.put("mail.smtp.auth", Boolean.toString(smtp.user() != null));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        Session session = Session.getInstance(p);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
            message.setSubject(notification.title(), "UTF-8");
            message.setSentDate(Date.from(notification.finishedAt()));
            message.setHeader("X-Authcert-Event", notification.event());
            message.setHeader("X-Authcert-Status", notification.status());
            message.setHeader("X-Authcert-Exit-Code", Integer.toString(notification.exitCode()));
            message.setText(notification.text(), "UTF-8");
            if (smtp.user() == null) {
                Transport.send(message);
            } else {
                Transport.send(message, smtp.user(), smtp.password() == null ? "" : smtp.password().reveal());
            }
        } catch (MessagingException e) {
            throw new IOException("SMTP " + smtp.host() + ":" + smtp.port() + ": " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
