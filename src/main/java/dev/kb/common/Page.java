package dev.kb.common;

import java.util.List;

/**
 * One page of a longer list: every list response is paginated the same way. {@code next} is the address of the
 * following page, null on the last; the HTTP layer fills it in (services do not know addresses).
 */
public record Page<T>(List<T> items, long total, int limit, int offset, String next) {

    public static <T> Page<T> of(List<T> all, int limit, int offset) {
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        return new Page<>(List.copyOf(all.subList(from, to)), all.size(), limit, offset, null);
    }

    public boolean hasNext() {
        return (long) offset + limit < total;
    }

    public Page<T> withNext(String next) {
        return new Page<>(items, total, limit, offset, next);
    }
}
