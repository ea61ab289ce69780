package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultCacheTest {
    @Test
    void answers_only_for_the_index_generation_it_was_computed_on() {
        ResultCache<String, String> cache = new ResultCache<>(10);
        Object before = new Object();
        Object after = new Object();
        cache.put("q", before, "old answer");
        assertThat(cache.get("q", before)).isEqualTo("old answer");
        assertThat(cache.get("q", after)).as("a re-index makes the entry stale").isNull();
        assertThat(cache.get("other", before)).isNull();
    }

    @Test
    void forgets_the_least_recently_used_beyond_its_capacity() {
        ResultCache<Integer, Integer> cache = new ResultCache<>(2);
        Object g = new Object();
        cache.put(1, g, 1);
        cache.put(2, g, 2);
        cache.get(1, g);
        cache.put(3, g, 3);
        assertThat(cache.get(1, g)).isEqualTo(1);
        assertThat(cache.get(2, g)).isNull();
        assertThat(cache.get(3, g)).isEqualTo(3);
    }
}
