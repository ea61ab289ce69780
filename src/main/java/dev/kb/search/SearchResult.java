package dev.kb.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits. {@code facets} counts, per dimension (course, module, inAgenda, language, kind), the matching
 * topics by value; {@code didYouMean} is a corrected query when few topics matched and a word was unknown;
 * {@code next} the address of the next page (null on the last).
 */
public record SearchResult(String query, long total, int limit, int offset, List<SearchHit> hits,
                           Map<String, List<Facets.Count>> facets, String didYouMean, String next) {

    public boolean hasNext() {
        return (long) offset + limit < total;
    }

    /** The same page, with the address of the next one (set by the HTTP layer). */
    public SearchResult withNext(String address) {
        return new SearchResult(query, total, limit, offset, hits, facets, didYouMean, address);
    }
}
