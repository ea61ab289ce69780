package dev.kb.web;

import dev.kb.common.InvalidInput;
import dev.kb.common.LimitExceeded;
import dev.kb.course.CourseService;
import dev.kb.search.Facets;
import dev.kb.search.SearchHit;
import dev.kb.search.SearchResult;
import dev.kb.search.SearchService;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /} and {@code /search/results}: the search form and its results, rendered on the server, so a plain
 * form GET works without JavaScript; the script asks for the results part alone as the user types.
 */
final class SearchPage {
    static final int PAGE_SIZE = 10;
    /** Facet dimensions of the search result, each also a filter parameter of the same name. */
    private static final List<String> DIMENSIONS = List.of("course", "module", "language", "kind");

    private final SearchService search;
    private final CourseService courses;
    private final Templates templates;
    private final Assets assets;

    SearchPage(SearchService search, CourseService courses, Templates templates, Assets assets) {
        this.search = search;
        this.courses = courses;
        this.templates = templates;
        this.assets = assets;
    }

    void page(Context ctx) {
        Page page = Templates.page(ctx, assets, null, "search");
        SearchView view = view(ctx, page.t());
        String title = view.asked() ? view.q() + " — kb" : "kb — " + page.t().get("search.title");
        if (view.error() != null) {
            ctx.status(400);
        }
        templates.render(ctx, "search.jte", Map.of("page", page.titled(title), "view", view));
    }

    /** The results part of the page alone, for the search-as-you-type script. */
    void results(Context ctx) {
        Page page = Templates.page(ctx, assets, null, "search");
        SearchView view = view(ctx, page.t());
        templates.render(ctx, "results.jte", Map.of("page", page, "view", view));
    }

    private SearchView view(Context ctx, Texts t) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            return new SearchView(q, 0, List.of(), List.of(), null, null, null, null, courses.list(), null);
        }
        int offset = offset(ctx.queryParam("offset"));
        try {
            String course = courses.filter(blankToNull(ctx.queryParam("course")), search::indexes);
            SearchService.Filters filters = new SearchService.Filters(blankToNull(ctx.queryParam("module")), null,
                    blankToNull(ctx.queryParam("language")), blankToNull(ctx.queryParam("kind")));
            SearchResult result = search.search(new SearchService.Request(q, course, filters, PAGE_SIZE, offset));
            List<SearchView.Hit> hits = result.hits().stream().map(h -> hit(h, t)).toList();
            String previous = offset > 0 ? Links.with(ctx, "offset", String.valueOf(Math.max(0, offset - PAGE_SIZE)))
                    : null;
            String next = result.hasNext() && offset + PAGE_SIZE <= SearchService.MAX_OFFSET
                    ? Links.with(ctx, "offset", String.valueOf(offset + PAGE_SIZE)) : null;
            String correction = result.didYouMean();
            return new SearchView(q, result.total(), hits, facets(ctx, result, t), correction,
                    correction == null ? null : Links.with(ctx, "q", correction).replaceFirst("^/search/results", "/"),
                    page(previous), page(next), List.of(), null);
        } catch (InvalidInput | LimitExceeded e) {
            return new SearchView(q, 0, List.of(), List.of(), null, null, null, null, List.of(), e.getMessage());
        }
    }

    /** Links in the results part lead to the page, not to the part. */
    private static String page(String url) {
        return url == null ? null : url.replaceFirst("^/search/results", "/");
    }

    private static SearchView.Hit hit(SearchHit h, Texts t) {
        if (h.external()) {
            return new SearchView.Hit(h.title(), h.reference().url(), null, h.snippet(),
                    t.get("search.external") + " · " + host(h.reference().url()), true);
        }
        String meta = String.join(" · ", nonNull(h.course(), h.path(), h.kind() == null ? null : t.get("kind." + h.kind())));
        return new SearchView.Hit(h.title(), Links.topic(h.topicId(), h.anchor()), h.heading(), h.snippet(), meta, false);
    }

    private static List<SearchView.FacetGroup> facets(Context ctx, SearchResult result, Texts t) {
        List<SearchView.FacetGroup> groups = new ArrayList<>();
        for (String dimension : DIMENSIONS) {
            List<Facets.Count> counts = result.facets().getOrDefault(dimension, List.of());
            String active = blankToNull(ctx.queryParam(dimension));
            // A facet with one value narrows nothing, unless it is the filter in force (to remove it).
            if (counts.size() < 2 && active == null) {
                continue;
            }
            List<SearchView.FacetLink> links = counts.stream().map(c -> {
                boolean on = c.value().equals(active);
                String label = dimension.equals("kind") ? t.get("kind." + c.value())
                        : dimension.equals("language") ? t.get("language." + c.value()) : c.value();
                return new SearchView.FacetLink(label, c.count(), page(Links.with(ctx, dimension, on ? null : c.value())), on);
            }).toList();
            groups.add(new SearchView.FacetGroup(t.get("facet." + dimension), links));
        }
        return groups;
    }

    private static int offset(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String host(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static List<String> nonNull(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v);
            }
        }
        return out;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
