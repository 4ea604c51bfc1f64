package io.authcert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which applies {@code --notify-on} tells, as a table: each kind of ending against each choice. */
class NotifyOnTest {

    private static final Instant AT = Instant.parse("2026-11-26T09:14:03Z");
    private static final List<String> CHANGED = List.of("ex01: recycle_app_pool (p1.ex01.recycle_app_pool.MSExchangeOWAAppPool)");

    private static Notification ending(String status, int exit, List<String> changed, List<String> failed, List<String> heldBack,
            List<String> needsHuman) {
        return new Notification(status, exit, List.of("inventory/production"), "playbooks/auth-certificate.yml", AT, changed, failed,
                heldBack, needsHuman, List.of());
    }

    static final Notification NOTHING = ending("nothing_to_do", 0, List.of(), List.of(), List.of(), List.of());
    static final Notification APPLIED = ending("applied", 0, CHANGED, List.of(), List.of(), List.of());
    static final Notification FAILED = ending("failed", 1, CHANGED, List.of("ex02"), List.of(), List.of());
    static final Notification NEEDS_HUMAN = ending("needs_human", 3, CHANGED, List.of(), List.of(),
            List.of("organisation contoso: EX04 is outside this plan"));
    static final Notification HELD_BACK = ending("held_back", 4, List.of(), List.of(),
            List.of("p2.ex01.clear_previous_certificate: not allowed: cleanup"), List.of());
    static final Notification TOO_MANY = ending("too_many_hosts", 4, List.of(), List.of(), List.of(), List.of());

    record Row(String option, Notification ending, boolean sent) {
        @Override
        public String toString() {
            return "--notify-on " + option + " with " + ending.status() + " (exit " + ending.exitCode() + "): "
                    + (sent ? "sent" : "quiet");
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                new Row("changed", NOTHING, false), new Row("changed", APPLIED, true), new Row("changed", FAILED, true),
                new Row("changed", HELD_BACK, false),
                new Row("failed", APPLIED, false), new Row("failed", FAILED, true), new Row("failed", NEEDS_HUMAN, false),
                new Row("needs_human", NEEDS_HUMAN, true), new Row("needs_human", HELD_BACK, false),
                new Row("needs_human", APPLIED, false),
                new Row("held_back", HELD_BACK, true), new Row("held_back", TOO_MANY, true), new Row("held_back", NEEDS_HUMAN, false),
                new Row("failed,held_back", FAILED, true), new Row("failed,held_back", APPLIED, false),
                new Row("always", NOTHING, true), new Row("always", APPLIED, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void sendsExactlyTheChosenOutcomes(Row row) {
        assertThat(NotifyOn.parse(List.of(row.option())).sends(row.ending())).isEqualTo(row.sent());
    }

    @Test
    void theDefaultIsWhatAnApplyToldBeforeTheOption() {
        assertThat(Stream.of(NOTHING, APPLIED, FAILED, NEEDS_HUMAN, HELD_BACK, TOO_MANY).map(NotifyOn.DEFAULT::sends))
                .containsExactly(false, true, true, true, true, true);
        assertThat(NotifyOn.DEFAULT.names()).containsExactly("changed", "failed", "needs_human", "held_back");
    }

    @Test
    void namesAreReadInAnyCaseFromRepeatedOrCommaSeparatedValues() {
        assertThat(NotifyOn.parse(List.of("Failed, HELD_BACK", "changed")).names()).containsExactly("changed", "failed", "held_back");
    }

    @Test
    void anUnknownOutcomeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> NotifyOn.parse(List.of("changed,sucess"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'sucess' is not an outcome; use any of changed, failed, needs_human, held_back, always");
    }

    @Test
    void anApplyWithNothingToDoIsAnUnchangedEvent() {
        assertThat(NOTHING.event()).isEqualTo("unchanged");
        assertThat(NOTHING.outcomes()).isEmpty();
        assertThat(HELD_BACK.event()).isEqualTo("needs_human");
        assertThat(FAILED.outcomes()).containsExactlyInAnyOrder(NotifyOn.Outcome.FAILED, NotifyOn.Outcome.CHANGED);
    }
}
