package io.authcert.plan;

import java.util.Objects;

/**
 * One thing the executor will do on one host.
 *
 * @param id        stable within a plan ("p2.ex01.restart_service.MSExchangeServiceHost")
 * @param host      the host it runs on; for an organisation-wide step, the primary that runs it
 * @param orgWide   true for a step that runs once for the organisation (create, stage, publish, clear)
 * @param resource  what it acts on ("auth_certificate", "service/MSExchangeServiceHost", ...)
 * @param reason    which fact differs from which desire, in words (for display only)
 * @param script    the PowerShell it will run: {@link StepScript#sent()} for the server, {@link StepScript#shown()}
 *                  (secrets redacted) for everyone else; empty for follow-ups
 * @param retryable true when running it twice is harmless
 * @param timeout   how long the step may take; for a wait, how long to keep polling
 * @param details   structured facts about the step for machines (renderers, tests, the executor):
 *                  {@code thumbprint} (or {@code certificate=new} and {@code friendly_name} for a
 *                  certificate this plan creates), {@code effective_date}, {@code service},
 *                  {@code app_pool}, {@code from_server}; sorted, never a secret
 * @param nudge     for a wait step, the restarts the executor may make while it waits; null for none
 *
 * <p>A wait step's script is a probe that changes nothing: it prints {@code ready} on its last line
 * when the condition holds on that host, and {@code pending: <what is missing>} otherwise; the
 * executor polls it until ready or the timeout passes, doing to other servers only what its
 * {@link Nudge} names.
 */
public record Step(
        String id,
        String host,
        boolean orgWide,
        String resource,
        Action action,
        String reason,
        StepScript script,
        boolean retryable,
        java.time.Duration timeout,
        java.util.Map<String, String> details,
        Nudge nudge) {

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(action, "action");
        script = script == null ? StepScript.none() : script;
        reason = reason == null ? "" : reason;
        timeout = timeout == null ? java.time.Duration.ofMinutes(10) : timeout;
        details = details == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(details));
        if (nudge != null && !isWait(action)) {
            throw new IllegalArgumentException("only a wait step may nudge, not " + action.jsonName() + " (" + id + ")");
        }
    }

    /** A step without details or nudge. */
    public Step(String id, String host, boolean orgWide, String resource, Action action, String reason, StepScript script,
            boolean retryable, java.time.Duration timeout) {
        this(id, host, orgWide, resource, action, reason, script, retryable, timeout, null, null);
    }

    /** The same step with this nudge (null: none). */
    public Step withNudge(Nudge with) {
        return new Step(id, host, orgWide, resource, action, reason, script, retryable, timeout, details, with);
    }

    /** The nudge of a wait step, if it has one. */
    public java.util.Optional<Nudge> nudgeIfAny() {
        return java.util.Optional.ofNullable(nudge);
    }

    /** True for a probe that the executor polls ({@code wait_for_certificate}, {@code wait_for_auth_config}). */
    public boolean isWait() {
        return isWait(action);
    }

    private static boolean isWait(Action action) {
        return action == Action.WAIT_FOR_CERTIFICATE || action == Action.WAIT_FOR_AUTH_CONFIG;
    }
}
