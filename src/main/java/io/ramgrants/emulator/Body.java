package io.ramgrants.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small builders for JSON response bodies; null values are left out, as RAM leaves them out. */
final class Body {
    private Body() {
    }

    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                out.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }
}
