package io.authcert.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** INI host lines split as Python's shlex.split(comments=True). */
class ShellWordsTest {

    @Test
    void quotesEscapesAndComments() {
        assertThat(ShellWords.split("h1 a=\"two words\" b='x y' c=d\\ e # comment x=1"))
                .extracting(ShellWords.Word::text)
                .containsExactly("h1", "a=two words", "b=x y", "c=d e");
    }

    @Test
    void remembersWhereEachWordStarts() {
        assertThat(ShellWords.split("h1   k=v")).extracting(ShellWords.Word::offset).containsExactly(0, 5);
    }

    @Test
    void unclosedQuoteIsRefused() {
        assertThatThrownBy(() -> ShellWords.split("h1 a='open")).hasMessageContaining("no closing quotation");
    }
}
