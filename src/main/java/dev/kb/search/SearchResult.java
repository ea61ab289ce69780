package dev.kb.search;

import java.util.List;

public record SearchResult(String query, long total, int limit, int offset, List<SearchHit> hits) {
}
