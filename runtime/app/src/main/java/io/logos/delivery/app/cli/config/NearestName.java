package io.logos.delivery.app.cli.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the valid name an operator most likely meant, by edit distance. */
final class NearestName {

    private NearestName() {
    }

    /** The name of {@code candidates} closest to {@code wrong}, if it is close enough to be a likely typo. */
    static Optional<String> to(String wrong, Collection<String> candidates) {
        int tolerance = Math.max(2, wrong.length() / 3);
        return candidates.stream()
                .filter(candidate -> distance(wrong, candidate) <= tolerance)
                .min(Comparator.comparingInt((String candidate) -> distance(wrong, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** {@code "; did you mean 'x'?"} or nothing: the tail of an unknown-name message. */
    static String hint(String wrong, Collection<String> candidates) {
        return to(wrong, candidates).map(name -> "; did you mean '" + name + "'?").orElse("");
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each costing one. */
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
