package dev.kb.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used answers, each valid for the index it was computed on: a class typing the same search in
 * the same minute of a lab costs one search, and a re-index makes every entry stale at once (its generation — the
 * searcher's reader — no longer matches), so nothing is ever answered from an older index.
 */
final class ResultCache<K, V> {
    private record Entry<V>(Object generation, V value) {
    }

    private final Map<K, Entry<V>> entries;

    ResultCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key, Object generation) {
        Entry<V> e = entries.get(key);
        return e != null && e.generation() == generation ? e.value() : null;
    }

    synchronized void put(K key, Object generation, V value) {
        entries.put(key, new Entry<>(generation, value));
    }
}
