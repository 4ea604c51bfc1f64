package io.authcert.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "` name ` => name => false => ",
        "name => name => false => ",
        "` days | default(60) ` => days => true => 60",
        "` days|d( 60 ) ` => days => true => 60",
        "` mode | default('staged') ` => mode => true => staged",
        "` mode | default(\"a|b\") ` => mode => true => a|b",
        "` flag | default(false) ` => flag => true => false",
        "` ratio | default(0.5) ` => ratio => true => 0.5",
    })
    void supportedExpressions(String text, String variable, boolean hasDefault, String defaultValue) throws Exception {
        Expression e = Expression.parse(text);
        assertThat(e.variable()).isEqualTo(variable);
        assertThat(e.hasDefault()).isEqualTo(hasDefault);
        assertThat(e.defaultValue() == null ? null : e.defaultValue().toString()).isEqualTo(defaultValue);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "` x | default(omit) `",
        "x|d(omit)",
    })
    void omitMeansNoValue(String text) throws Exception {
        Expression e = Expression.parse(text);
        assertThat(e.hasDefault()).isTrue();
        assertThat(e.defaultValue()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "` days | int ` => the filter 'int' is not supported",
        "` x | default('a') | upper ` => the filter 'upper' is not supported",
        "` lookup('env', 'HOME') ` => lookups are not supported",
        "` query('file', 'x') ` => lookups are not supported",
        "` x is defined ` => tests ('is ...') are not supported",
        "` a if b else c ` => conditions and comparisons are not supported",
        "` a == b ` => conditions and comparisons are not supported",
        "` days + 1 ` => arithmetic and concatenation are not supported",
        "` a ~ b ` => arithmetic and concatenation are not supported",
        "` hostvars.ex01 ` => attribute and index access are not supported",
        "` groups['exchange'] ` => attribute and index access are not supported",
        "` x | default(other) ` => the default must be a literal (a quoted string, a number, true, false or omit)",
        "`  ` => the expression is empty",
        "` 1x ` => only a variable name, optionally with '| default(value)', is supported",
    })
    void everythingElseIsRefusedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> Expression.parse(text)).isInstanceOf(Expression.Unsupported.class).hasMessage(reason);
    }
}
