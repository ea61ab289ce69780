package dev.kb.coverage;

import dev.kb.common.EditDistance;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The existing file a broken link most likely meant, when one is an obvious match: the same path in another
 * case, the path under a folder the link left out (or with a folder it has too many), the same file name in
 * exactly one place, or one path a few typing errors away. Nothing when several candidates fit equally.
 */
final class ClosestFile {
    private ClosestFile() {
    }

    static Optional<String> to(String target, Collection<String> files) {
        if (target == null || target.isBlank()) {
            return Optional.empty();
        }
        String lower = target.toLowerCase(Locale.ROOT);
        String name = target.substring(target.lastIndexOf('/') + 1);
        for (List<String> candidates : List.of(
                files.stream().filter(f -> f.toLowerCase(Locale.ROOT).equals(lower)).toList(),
                files.stream().filter(f -> f.endsWith("/" + target)).toList(),
                files.stream().filter(f -> target.endsWith("/" + f)).toList(),
                files.stream().filter(f -> f.substring(f.lastIndexOf('/') + 1).equals(name)).toList(),
                nearest(target, files))) {
            if (candidates.size() == 1) {
                return Optional.of(candidates.get(0));
            }
            if (candidates.size() > 1) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The files fewest edits away, when that is at most a tenth of the path (and at least 2). */
    private static List<String> nearest(String target, Collection<String> files) {
        int limit = Math.max(2, target.length() / 10);
        int best = Integer.MAX_VALUE;
        List<String> nearest = List.of();
        for (String f : files) {
            if (Math.abs(f.length() - target.length()) > limit) {
                continue;
            }
            int d = EditDistance.between(target, f);
            if (d <= limit && d < best) {
                best = d;
                nearest = List.of(f);
            } else if (d == best) {
                nearest = java.util.stream.Stream.concat(nearest.stream(), java.util.stream.Stream.of(f)).toList();
            }
        }
        return nearest;
    }
}
