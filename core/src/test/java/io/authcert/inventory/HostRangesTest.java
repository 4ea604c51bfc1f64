package io.authcert.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Ansible host ranges and ports. */
class HostRangesTest {

    @Test
    void zeroPaddedNumericRange() {
        assertThat(HostRanges.expand("ex[01:12].corp.example").names())
                .hasSize(12).startsWith("ex01.corp.example", "ex02.corp.example").endsWith("ex12.corp.example");
    }

    @Test
    void letterRangeStepAndNestedRanges() {
        assertThat(HostRanges.expand("db-[a:f]").names()).containsExactly("db-a", "db-b", "db-c", "db-d", "db-e", "db-f");
        assertThat(HostRanges.expand("web[1:9:4]").names()).containsExactly("web1", "web5", "web9");
        assertThat(HostRanges.expand("r[1:2]-[a:b]").names()).containsExactly("r1-a", "r1-b", "r2-a", "r2-b");
        assertThat(HostRanges.expand("h[:2]").names()).containsExactly("h0", "h1", "h2");
    }

    @Test
    void portsAfterNamesRangesAndIpv6() {
        HostRanges.Expanded e = HostRanges.expand("ex[1:2].corp.example:5986");
        assertThat(e.names()).containsExactly("ex1.corp.example", "ex2.corp.example");
        assertThat(e.port()).isEqualTo(5986);
        assertThat(HostRanges.expand("[2001:db8::1]:5985").names()).containsExactly("2001:db8::1");
        assertThat(HostRanges.expand("[2001:db8::1]:5985").port()).isEqualTo(5985);
        assertThat(HostRanges.expand("2001:db8::1").port()).isNull();
    }

    @Test
    void malformedRangesAreExplained() {
        assertThatThrownBy(() -> HostRanges.expand("ex[01:1]")).hasMessageContaining("equal length");
        assertThatThrownBy(() -> HostRanges.expand("ex[1:]")).hasMessageContaining("no end value");
        assertThatThrownBy(() -> HostRanges.expand("ex[f:a]")).hasMessageContaining("begin <= end");
        assertThatThrownBy(() -> HostRanges.expand("ex[1:2")).hasMessageContaining("no ']'");
        assertThatThrownBy(() -> HostRanges.expand("host:http")).hasMessageContaining("host:port");
    }
}
