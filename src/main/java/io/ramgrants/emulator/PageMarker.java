package io.ramgrants.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code Marker} of paged lists: the sort key of the last item returned. */
final class PageMarker {
    private PageMarker() {
    }

    static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The key after which the next page starts, or null for the first page. */
    static String decode(String marker) {
        if (marker == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RamError.badRequest("InvalidParameter.Marker", "The parameter \"Marker\" is invalid.");
        }
    }
}
