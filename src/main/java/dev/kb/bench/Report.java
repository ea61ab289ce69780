package dev.kb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The benchmark's tables, as markdown: search side by side, indexing, and the goals each met or not. */
public final class Report {
    private Report() {
    }

    public static String markdown(List<Benchmark.Result> results, Optional<Double> coldIndexSeconds) {
        StringBuilder b = new StringBuilder();
        b.append("| documents | clients | kb req/s | kb p50 ms | kb p99 ms | kb server p99 ms | PostgreSQL req/s "
                + "| PostgreSQL p50 ms | PostgreSQL p99 ms | PostgreSQL server p99 ms | kb ÷ PostgreSQL "
                + "| kb with result cache req/s | cached p99 ms | failed |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Benchmark.Result r : results) {
            for (Benchmark.Run kb : runs(r, Benchmark.KB_FRESH)) {
                Benchmark.Run pg = run(r, Benchmark.POSTGRES, kb.clients());
                Benchmark.Run cached = run(r, Benchmark.KB, kb.clients());
                b.append(row(r.documents(), kb.clients(), kb.throughput(), kb.p50Millis(), kb.p99Millis(),
                        kb.serverP99Millis(), pg.throughput(), pg.p50Millis(), pg.p99Millis(), pg.serverP99Millis(),
                        kb.throughput() / pg.throughput(), cached.throughput(), cached.p99Millis(),
                        kb.failures() + pg.failures() + cached.failures()));
            }
        }
        if (results.stream().anyMatch(r -> !runs(r, Benchmark.KB_JUDGED).isEmpty())) {
            b.append("\nJudged queries of the dev courses (selective, as typed), every answer computed:\n\n");
            b.append("| documents | clients | kb req/s | kb p50 ms | kb p99 ms | kb server p99 ms | PostgreSQL req/s "
                    + "| PostgreSQL p50 ms | PostgreSQL p99 ms | PostgreSQL server p99 ms | kb ÷ PostgreSQL | failed |\n");
            b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Benchmark.Result r : results) {
                for (Benchmark.Run kb : runs(r, Benchmark.KB_JUDGED)) {
                    Benchmark.Run pg = run(r, Benchmark.POSTGRES_JUDGED, kb.clients());
                    b.append(row(r.documents(), kb.clients(), kb.throughput(), kb.p50Millis(), kb.p99Millis(),
                            kb.serverP99Millis(), pg.throughput(), pg.p50Millis(), pg.p99Millis(),
                            pg.serverP99Millis(), kb.throughput() / pg.throughput(), kb.failures() + pg.failures()));
                }
            }
        }
        b.append("\n| documents | clients | GET /health req/s | kb search req/s | search ÷ health "
                + "| kb with result cache req/s | cached ÷ health |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Benchmark.Result r : results) {
            for (Benchmark.Run health : runs(r, Benchmark.HEALTH)) {
                Benchmark.Run kb = run(r, Benchmark.KB_FRESH, health.clients());
                Benchmark.Run cached = run(r, Benchmark.KB, health.clients());
                b.append(row(r.documents(), health.clients(), health.throughput(), kb.throughput(),
                        kb.throughput() / health.throughput(), cached.throughput(),
                        cached.throughput() / health.throughput()));
            }
        }
        b.append("\n| documents | open s | index s | documents/s | phases s | re-index, nothing changed, s "
                + "| changed file searchable after, s | PostgreSQL FTS load + GIN s | heap max MB | heap peak serving MB |\n");
        b.append("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (Benchmark.Result r : results) {
            Benchmark.IndexFigures i = r.index();
            b.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.0f | %s | %.2f | %.2f | %.1f | %d | %d |%n",
                    i.documents(), i.openSeconds(), i.seconds(), i.documentsPerSecond(),
                    i.phases().toString().replace("{", "").replace("}", "").replace("=", " "), i.unchangedSeconds(),
                    i.changedFileSearchableSeconds(), i.ftsLoadSeconds(), r.heapMaxBytes() >> 20,
                    r.heapPeakBytes() >> 20));
        }
        coldIndexSeconds.ifPresent(s -> b.append(String.format(Locale.ROOT,
                "%n`kb index --offline` of the source course, new JVM and new embedded PostgreSQL: %.1f s wall%n", s)));
        b.append('\n').append(goals(results, coldIndexSeconds));
        return b.toString();
    }

    /** Each goal of the benchmark issue against the largest corpus measured (and the source course). */
    static String goals(List<Benchmark.Result> results, Optional<Double> cold) {
        Benchmark.Result largest = results.stream().max(java.util.Comparator.comparingInt(Benchmark.Result::documents))
                .orElseThrow();
        Benchmark.Result smallest = results.stream().min(java.util.Comparator.comparingInt(Benchmark.Result::documents))
                .orElseThrow();
        List<String[]> rows = new ArrayList<>();
        for (String[] mix : List.of(new String[] {Benchmark.KB_FRESH, Benchmark.POSTGRES, "heading words"},
                new String[] {Benchmark.KB_JUDGED, Benchmark.POSTGRES_JUDGED, "judged queries"})) {
            for (Benchmark.Run kb : runs(largest, mix[0])) {
                Benchmark.Run pg = run(largest, mix[1], kb.clients());
                double ratio = kb.throughput() / pg.throughput();
                String where = ", " + mix[2] + ", " + kb.clients() + " clients, " + largest.documents() + " docs";
                rows.add(goal("search ≥ 10× PostgreSQL FTS" + where, String.format(Locale.ROOT, "%.1f×", ratio),
                        ratio >= 10));
                rows.add(goal("server p99 ≤ 20 ms" + where, String.format(Locale.ROOT, "%.1f ms", kb.serverP99Millis()),
                        kb.serverP99Millis() <= 20));
            }
        }
        for (Benchmark.Run health : runs(smallest, Benchmark.HEALTH)) {
            double share = run(smallest, Benchmark.KB_FRESH, health.clients()).throughput() / health.throughput();
            double cached = run(smallest, Benchmark.KB, health.clients()).throughput() / health.throughput();
            rows.add(goal("search ≥ 50 % of /health, " + health.clients() + " clients, " + smallest.documents() + " docs",
                    String.format(Locale.ROOT, "%.0f %% (with the result cache: %.0f %%)", share * 100, cached * 100),
                    share >= 0.5));
        }
        Benchmark.IndexFigures i = largest.index();
        rows.add(goal("indexing ≥ 1 000 documents/s, " + i.documents() + " docs",
                String.format(Locale.ROOT, "%.0f/s", i.documentsPerSecond()), i.documentsPerSecond() >= 1000));
        rows.add(goal("re-index with nothing changed ≤ 10 s", String.format(Locale.ROOT, "%.2f s", i.unchangedSeconds()),
                i.unchangedSeconds() <= 10));
        rows.add(goal("changed file searchable ≤ 1 s after the re-index starts",
                String.format(Locale.ROOT, "%.2f s", i.changedFileSearchableSeconds()), i.changedFileSearchableSeconds() <= 1));
        cold.ifPresent(s -> rows.add(goal("cold `kb index` of the source course ≤ 5 s",
                String.format(Locale.ROOT, "%.1f s", s), s <= 5)));
        long maxMb = largest.heapMaxBytes() >> 20;
        rows.add(goal("serves " + largest.documents() + " docs with -Xmx512m",
                "max heap " + maxMb + " MB, peak " + (largest.heapPeakBytes() >> 20) + " MB", maxMb <= 512));
        StringBuilder b = new StringBuilder("| goal | measured | met |\n|---|---:|---|\n");
        rows.forEach(r -> b.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return b.toString();
    }

    private static String[] goal(String goal, String measured, boolean met) {
        return new String[] {goal, measured, met ? "yes" : "**no**"};
    }

    static List<Benchmark.Run> runs(Benchmark.Result r, String system) {
        return r.runs().stream().filter(x -> x.system().equals(system)).toList();
    }

    static Benchmark.Run run(Benchmark.Result r, String system, int clients) {
        return r.runs().stream().filter(x -> x.system().equals(system) && x.clients() == clients).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + system + " run at " + clients + " clients"));
    }

    private static String row(Object... cells) {
        StringBuilder b = new StringBuilder("|");
        for (Object c : cells) {
            b.append(' ').append(c instanceof Double d ? format(d) : c).append(" |");
        }
        return b.append('\n').toString();
    }

    private static String format(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        return d >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
