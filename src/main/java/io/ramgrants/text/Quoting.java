package io.ramgrants.text;

import java.util.function.IntPredicate;

/**
 * A string in double quotes with backslash escapes, so that a hostile value (a newline in a
 * description, a bidi override) stays inside its quotes and on its line. One escaper, two
 * rules for what else it escapes and how it writes an absent value: {@link #JSON} for log
 * lines that must parse as JSON, {@link #READABLE} for lines a person reviews.
 */
public final class Quoting {
    /**
     * A JSON string: only what JSON requires (quote, backslash, C0 controls) is escaped; an
     * absent value is JSON's {@code null}.
     */
    public static final Quoting JSON = new Quoting("null", c -> c < 0x20);

    /**
     * A value in a plan line: also DEL, the C1 controls and invisible format characters
     * (right-to-left override, zero-width joiner, BOM) are escaped, so what a reviewer sees is
     * what RAM gets; an absent value reads {@code (none)}.
     */
    public static final Quoting READABLE = new Quoting("(none)",
            c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);

    private final String absent;
    private final IntPredicate unicodeEscaped;

    private Quoting(String absent, IntPredicate unicodeEscaped) {
        this.absent = absent;
        this.unicodeEscaped = unicodeEscaped;
    }

    /** {@code text} quoted; an absent text as this rule writes it, without quotes. */
    public String quote(String text) {
        if (text == null) {
            return absent;
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unicodeEscaped.test(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
