package io.ramgrants.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsLikeKubectl() {
        String table = new TextTable("NAME", "READY", "ROLE-ARNS")
                .row("orders-to-reporting", "True", "acs:ram::2:role/a")
                .row("x", "", null)
                .render("");
        assertThat(table).isEqualTo("""
                NAME                  READY    ROLE-ARNS
                orders-to-reporting   True     acs:ram::2:role/a
                x                     <none>   <none>
                """);
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> new TextTable("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
