package dev.kb.bench;

import dev.kb.search.SearchService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Searches over a catalog, timed in process (no HTTP, no result cache): the same queries over every course (ranked
 * with statistics fair to every course, which costs a count per course of each word searched) and in one course.
 * The first search over every course also counts, once, each segment's field lengths per course.
 */
final class CatalogSearches {
    /** Milliseconds: the first search over every course, then the median and 99th percentile of the rest. */
    record Times(double firstAllMs, double allP50Ms, double allP99Ms, double oneP50Ms, double oneP99Ms, int queries) {
    }

    private CatalogSearches() {
    }

    static Times run(SearchService search, List<Path> sources, String oneCourse) throws IOException {
        List<String> queries = new ArrayList<>();
        for (Path source : sources) {
            queries.addAll(QueryMix.from(source, 40, 18));
        }
        List<Double> all = new ArrayList<>();
        List<Double> one = new ArrayList<>();
        for (String q : queries) {
            all.add(time(search, q, null));
            one.add(time(search, q, oneCourse));
        }
        double first = all.remove(0);
        return new Times(first, quantile(all, 0.5), quantile(all, 0.99), quantile(one, 0.5), quantile(one, 0.99),
                queries.size());
    }

    private static double time(SearchService search, String q, String course) {
        long started = System.nanoTime();
        search.search(new SearchService.Request(q, course, 10, 0), true);
        return (System.nanoTime() - started) / 1e6;
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    static String markdown(Times t) {
        return "| searches (" + t.queries() + " queries) | first over all courses ms | all courses p50 / p99 ms | "
                + "one course p50 / p99 ms |\n|---|---:|---:|---:|\n" + String.format(Locale.ROOT,
                "| in process, no cache | %.0f | %.1f / %.1f | %.1f / %.1f |%n", t.firstAllMs(), t.allP50Ms(),
                t.allP99Ms(), t.oneP50Ms(), t.oneP99Ms());
    }
}
