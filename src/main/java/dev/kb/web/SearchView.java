package dev.kb.web;

import dev.kb.course.CourseSummary;
import java.util.List;

/**
 * The search page: the query as typed, the hits (empty before a query), facets as links that narrow the search,
 * the correction as a link, and the neighbouring pages. {@code courses} is shown when nothing was asked yet.
 */
public record SearchView(String q, long total, List<Hit> hits, List<FacetGroup> facets, String didYouMean,
                         String didYouMeanUrl, String previousUrl, String nextUrl, List<CourseSummary> courses,
                         String error) {

    public boolean asked() {
        return q != null && !q.isBlank();
    }

    /** One result: where it leads (a topic's best section, or an external page) and what it quotes. */
    public record Hit(String title, String url, String heading, String snippetHtml, String meta, boolean external) {
    }

    public record FacetGroup(String label, List<FacetLink> values) {
    }

    /** {@code url} applies the value as a filter, or removes it when it is {@code active}. */
    public record FacetLink(String value, int count, String url, boolean active) {
    }
}
