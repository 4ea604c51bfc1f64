package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import io.authcert.notify.Notification;
import io.authcert.notify.Notifications;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --notify-on} as {@code engine apply} reads it: the outcomes chosen, and the mistakes refused before anything connects. */
class NotifyOptionsTest {

    private static final Notification NOTHING_TO_DO = new Notification("nothing_to_do", 0, List.of("hosts.yml"), "pb.yml",
            Instant.parse("2026-11-26T09:14:03Z"), List.of(), List.of(), List.of(), List.of(), List.of());
    private static final Notification CHANGED = new Notification("applied", 0, List.of("hosts.yml"), "pb.yml",
            Instant.parse("2026-11-26T09:14:03Z"), List.of("ex01: publish_certificate (p1.ex01.publish_certificate.N)"), List.of(),
            List.of(), List.of(), List.of());

    private static NotifyOptions parsed(String... args) {
        NotifyOptions options = new NotifyOptions();
        new picocli.CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void withoutTheOptionAnApplyWithNothingToDoTellsNobodyAndAChangeIsTold() {
        Notifications n = parsed("--notify", "https://hooks.example.com/x").notifications(Map.of());
        assertThat(n.tells(NOTHING_TO_DO)).isFalse();
        assertThat(n.tells(CHANGED)).isTrue();
    }

    @Test
    void alwaysTellsEveryApplyAndFailedAloneNotAChange() {
        assertThat(parsed("--notify", "https://hooks.example.com/x", "--notify-on", "always").notifications(Map.of())
                .tells(NOTHING_TO_DO)).isTrue();
        assertThat(parsed("--notify", "https://hooks.example.com/x", "--notify-on", "failed,held_back").notifications(Map.of())
                .tells(CHANGED)).isFalse();
    }

    @Test
    void anUnknownOutcomeIsAnInputErrorWithTheKnownOnesAndTheFix() {
        NotifyOptions options = parsed("--notify", "https://hooks.example.com/x", "--notify-on", "changed,fail");
        assertThatThrownBy(() -> options.notifications(Map.of())).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).diagnostics()).singleElement().extracting(Diagnostic::message)
                        .isEqualTo("'fail' is not an outcome; use any of changed, failed, needs_human, held_back, always"))
                .satisfies(e -> assertThat(((InputException) e).diagnostics().get(0).hint()).contains("--notify-on always"));
    }

    @Test
    void notifyOnWithoutATargetIsAnInputError() {
        NotifyOptions options = parsed("--notify-on", "failed");
        assertThatThrownBy(() -> options.notifications(Map.of())).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).diagnostics().get(0).message())
                        .isEqualTo("--notify-on is given but no --notify names whom to tell"));
    }
}
