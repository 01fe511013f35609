package io.ramgrants.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogFormatTest {
    private static LogRecord record(Level level, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.ramgrants.Test");
        record.setThrown(thrown);
        return record;
    }

    @Test
    void jsonIsOneParsableObjectPerLine() throws Exception {
        String line = LogFormat.JSON.formatter().format(record(Level.WARNING, "a \"quoted\"\nmessage\t!",
                new IllegalStateException("boom")));

        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("io.ramgrants.Test");
        assertThat(json.get("message").asText()).isEqualTo("a \"quoted\"\nmessage\t!");
        assertThat(json.get("exception").asText()).contains("IllegalStateException: boom");
        assertThat(json.get("time").asText()).endsWith("Z");
    }

    @Test
    void textIsOneLineWithLevelAndLogger() {
        String line = LogFormat.TEXT.formatter().format(record(Level.INFO, "reconciled", null));

        assertThat(line).matches("\\S+Z INFO  io\\.ramgrants\\.Test - reconciled\\R");
    }

    @Test
    void jsonStringsEscapeWhatJsonRequiresAndNothingElse() {
        assertThat(LogFormat.quote(null)).isEqualTo("null");
        assertThat(LogFormat.quote("a\"b\\c\nd\re\tf")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\"");
        // JSON needs the C0 controls escaped; DEL, C1 controls and format characters are valid as they are.
        assertThat(LogFormat.quote("\u0000\u001b\u001f")).isEqualTo("\"\\u0000\\u001b\\u001f\"");
        assertThat(LogFormat.quote("\u007f\u0085\u202e\ufeff Grüße")).isEqualTo("\"\u007f\u0085\u202e\ufeff Grüße\"");
    }
}
