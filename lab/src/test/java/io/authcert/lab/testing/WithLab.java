package io.authcert.lab.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts an {@link io.authcert.lab.EmbeddedLab} for a test class or method (free ports, frozen clock by
 * default so nothing moves unless the test advances it) and injects it as a parameter:
 * <pre>{@code
 * @WithLab(scenario = "expired", servers = 3)
 * class MyIT {
 *     @Test void fixesTheOutage(EmbeddedLab lab) { ... }
 * }
 * }</pre>
 * On a class, one lab serves all its tests; on a method, that test gets its own. The servers are at WinRM's
 * defaults and the lab's account is {@code CONTOSO\\administrator}, unless {@link #basicOverHttp()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(LabExtension.class)
public @interface WithLab {

    String scenario() default "healthy";

    /** Number of servers; 0 takes the scenario's default. */
    int servers() default 0;

    /** Simulated seconds per real second; 0 freezes the clock (advance it with lab.clock().advance(...)). */
    double speed() default 0;

    /**
     * Opts every server in to Basic over plain HTTP, with the lab's account the local
     * {@link io.authcert.lab.EmbeddedLab.Options#LOCAL_USER} (Basic takes local accounts only): for Basic-only
     * clients such as Overthere. Off: WinRM's defaults, the domain administrator over NTLM.
     */
    boolean basicOverHttp() default false;
}
