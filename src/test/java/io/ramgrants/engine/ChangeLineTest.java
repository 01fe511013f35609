package io.ramgrants.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How a plan line quotes a value: a hostile value (a newline, a bidi override in a description)
 * can neither start a line of its own nor hide text from the reviewer.
 */
class ChangeLineTest {
    static Change changed(String before, String after) {
        return new Change(Change.CHANGED, "UpdateRole", "1111111111111111", "r", null, "description", before, after,
                "");
    }

    @Test
    void anAbsentValueReadsNone() {
        assertThat(changed(null, "x").line()).isEqualTo("~ description: (none) -> \"x\"");
    }

    @Test
    void quotesBackslashesAndLineBreaksAreBackslashEscaped() {
        assertThat(changed("a\"b\\c", "d\ne\rf\tg").line())
                .isEqualTo("~ description: \"a\\\"b\\\\c\" -> \"d\\ne\\rf\\tg\"");
    }

    @Test
    void everyControlAndFormatCharacterIsAUnicodeEscape() {
        // C0 controls, DEL and C1 controls (Character.isISOControl), and invisible format characters
        // (a right-to-left override, a zero-width space's cousin the zero-width joiner, a BOM).
        assertThat(changed("\u0000\u001b\u007f\u0085\u009f", "\u202e\u200d\ufeff").line())
                .isEqualTo("~ description: \"\\u0000\\u001b\\u007f\\u0085\\u009f\" -> \"\\u202e\\u200d\\ufeff\"");
    }

    @Test
    void otherTextIsKeptAsItIs() {
        assertThat(changed("Grüße, 数据 ✓", " ").line()).isEqualTo("~ description: \"Grüße, 数据 ✓\" -> \" \"");
    }
}
