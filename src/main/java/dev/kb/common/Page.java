package dev.kb.common;

import java.util.List;

/** One page of a longer list: every list response is paginated the same way. */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public static <T> Page<T> of(List<T> all, int limit, int offset) {
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        return new Page<>(List.copyOf(all.subList(from, to)), all.size(), limit, offset);
    }
}
