package io.ramgrants.manifest;

import java.util.Collection;
import java.util.Locale;

/** "did you mean" for a misspelt field name, kind or enum value: a case slip, or a small edit distance. */
final class DidYouMean {
    private DidYouMean() {}

    /** {@code "; did you mean 'X'?"}, or empty when no candidate is close. */
    static String suggest(String given, Collection<String> candidates) {
        if (given == null || given.isEmpty()) {
            return "";
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(given)) {
                return "; did you mean '" + candidate + "'?";
            }
            int distance = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(3, given.length() / 4));
        return best != null && bestDistance <= allowed ? "; did you mean '" + best + "'?" : "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
