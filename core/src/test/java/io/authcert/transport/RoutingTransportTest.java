package io.authcert.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTransportTest {

    private static Target target(Target.Connection connection) {
        return new Target("ex1", connection, "ex1", 5986, Target.Scheme.HTTPS, "/wsman", "u", null,
                Target.AuthTransport.BASIC, true, null, Duration.ofSeconds(60), Duration.ofSeconds(70), null, Target.MessageEncryption.AUTO);
    }

    @Test
    void eachTargetGoesToTheTransportOfItsConnectionWrappedForItsExchangeShell() throws Exception {
        Transport winrm = (t, s, d) -> new CommandResult("winrm:" + s, "", 0, Duration.ZERO);
        Transport local = (t, s, d) -> new CommandResult("local:" + s, "", 0, Duration.ZERO);
        RoutingTransport routing = new RoutingTransport(Map.of(Target.Connection.WINRM, winrm, Target.Connection.LOCAL, local));

        assertThat(routing.run(target(Target.Connection.WINRM), "a", Duration.ofSeconds(1)).stdout())
                .isEqualTo("winrm:" + ExchangeShells.forTarget(target(Target.Connection.WINRM)).wrap("a"));
        assertThat(routing.run(target(Target.Connection.LOCAL), "b", Duration.ofSeconds(1)).stdout())
                .isEqualTo("local:" + ExchangeShells.forTarget(target(Target.Connection.LOCAL)).wrap("b"));
    }

    @Test
    void aConnectionWithoutTransportIsUnsupportedAndNothingRuns() {
        RoutingTransport routing = new RoutingTransport(Map.of());

        assertThatThrownBy(() -> routing.run(target(Target.Connection.WINRM), "a", Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.commandDidNotRun()).isTrue())
                .hasMessageContaining("connection 'winrm' is not available");
    }
}
