package io.authcert.transport.winrm.kerberos;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.run.ManualClock;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import io.authcert.transport.Target.KinitMode;
import io.authcert.transport.winrm.KdcLog;
import io.authcert.vault.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A run's logons: one per user, reused, and renewed when the TGT is about to end (the KDC issues 10 h ones). */
@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class KerberosLoginsIT {

    @Test
    void aUserLogsOnOnceUntilTheTicketIsAboutToEnd(Kdc kdc) throws Exception {
        kdc.useForJgss();
        ManualClock clock = new ManualClock(Instant.now());
        KerberosLogins logins = new KerberosLogins(Map.of(), clock);
        KerberosUser user = new KerberosUser(kdc.userPrincipal(), Secret.of(Kdc.PASSWORD), KinitMode.MANAGED);
        long before = KdcLog.ticketGrantingTicketsIssued(kdc, kdc.userPrincipal());

        Subject first = logins.subject(user);
        clock.advance(Duration.ofHours(9));
        assertThat(logins.subject(user)).as("an hour left: the same logon").isSameAs(first);
        assertThat(KdcLog.ticketGrantingTicketsIssued(kdc, kdc.userPrincipal()) - before).isEqualTo(1);

        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        assertThat(logins.subject(user)).as("half a minute left: a new logon").isNotSameAs(first);
        assertThat(KdcLog.ticketGrantingTicketsIssued(kdc, kdc.userPrincipal()) - before).isEqualTo(2);
    }
}
