package dev.kb.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits. {@code facets} counts, per dimension (course, module, inAgenda, language, kind), the matching
 * topics by value; {@code didYouMean} is a corrected query when few topics matched and a word was unknown.
 */
public record SearchResult(String query, long total, int limit, int offset, List<SearchHit> hits,
                           Map<String, List<Facets.Count>> facets, String didYouMean) {
}
