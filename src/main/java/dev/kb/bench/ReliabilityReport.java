package dev.kb.bench;

import java.util.Locale;

/** The reliability run's summary as one markdown table, then what failed, if anything did. */
public final class ReliabilityReport {
    private ReliabilityReport() {
    }

    public static String markdown(Reliability.Result r) {
        HttpLoad.Result load = r.load();
        Reindexer.Figures re = r.reindexes();
        Reliability.Heap h = r.heap();
        StringBuilder b = new StringBuilder("| measure | value |\n|---|---:|\n");
        row(b, "documents indexed", "%d", r.documents());
        row(b, "clients × duration", "%d × %d s, after %.1f s of warm-up", load.clients(),
                r.settings().duration().toSeconds(), r.warmup().seconds());
        row(b, (r.settings().full() ? "full" : "incremental") + " re-index every", "%d s",
                r.settings().reindexEvery().toSeconds());
        row(b, "requests answered (measured run)", "%d", load.requests());
        row(b, "**failed requests** (warm-up included)", "**%d**", r.failures());
        row(b, "throughput", "%.0f req/s", load.throughput());
        row(b, "latency p50 / p99 / max", "%.1f / %.1f / %.1f ms", load.millis(50), load.millis(99), load.millis(100));
        row(b, "**re-indexes done / failed**", "**%d / %d**", re.done(), re.failed());
        row(b, "re-index mean / max (request to finished job)", "%.1f / %.1f s", re.meanSeconds(), re.maxSeconds());
        row(b, "re-index phases, seconds over all runs", "%s", re.phaseSeconds().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", ")));
        row(b, "heap max (-Xmx)", "%d MB", mb(h.max()));
        row(b, "heap used, 1 s samples: min / max / last", "%d / %d / %d MB", mb(h.usedMin()), mb(h.usedMax()),
                mb(h.usedLast()));
        row(b, String.format(Locale.ROOT, "heap after latest GC, highest in first / last %.0f s", h.windowSeconds()),
                "%d / %d MB", mb(h.afterGcFirstWindow()), mb(h.afterGcLastWindow()));
        row(b, "live heap after a full GC, warmed up / after the run", "%d / %d MB", mb(h.liveBefore()),
                mb(h.liveAfter()));
        row(b, "heap bounded (live heap grew < 1/10 of -Xmx)", "%s", h.bounded() ? "yes" : "**no**");
        b.append("\n| route (server time) | requests | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        for (Reliability.Route route : r.routes()) {
            row(b, route.route(), "%d | %.1f | %.1f | %.1f", route.requests(), route.p50Millis(), route.p99Millis(),
                    route.maxMillis());
        }
        java.util.List<String> failed = java.util.stream.Stream.of(r.warmup(), load)
                .flatMap(l -> l.failed().stream()).toList();
        if (!failed.isEmpty()) {
            b.append("\nFailed requests (the first of each part):\n");
            failed.forEach(f -> b.append("- ").append(f).append('\n'));
        }
        if (!re.errors().isEmpty()) {
            b.append("\nFailed re-indexes:\n");
            re.errors().forEach(e -> b.append("- ").append(e).append('\n'));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String measure, String format, Object... values) {
        b.append("| ").append(measure).append(" | ").append(String.format(Locale.ROOT, format, values)).append(" |\n");
    }

    private static long mb(long bytes) {
        return bytes < 0 ? -1 : bytes >> 20;
    }
}
