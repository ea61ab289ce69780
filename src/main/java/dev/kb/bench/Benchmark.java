package dev.kb.bench;

import dev.kb.api.ApiServer;
import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.ingest.IndexProgress;
import dev.kb.ingest.IndexRunReport;
import dev.kb.search.SearchService;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One benchmark run at one corpus size: grow (or reuse) the corpus, index it into a fresh embedded PostgreSQL and
 * Lucene index (timing each phase, a re-index with nothing changed, and how soon a changed file is found), load
 * the same topics into PostgreSQL full-text search on the same server, then drive kb's search and PostgreSQL's
 * with the same queries over the same HTTP server, at each client count.
 */
public final class Benchmark {
    /**
     * What to measure; {@code documents} 0 means the source course itself. {@code judged} is the second query mix
     * (the dev courses' judged queries, see {@link QueryMix#judged}); empty, only the heading words are sent.
     */
    public record Settings(Path source, Path work, int documents, List<Integer> clients, Duration warmup,
                           Duration duration, long seed, int queries, List<String> judged) {
        public Settings(Path source, Path work, int documents, List<Integer> clients, Duration warmup,
                        Duration duration, long seed, int queries) {
            this(source, work, documents, clients, warmup, duration, seed, queries, List.of());
        }
    }

    public record IndexFigures(int documents, double openSeconds, double seconds, Map<String, Double> phases,
                               double unchangedSeconds, double changedFileSearchableSeconds, double ftsLoadSeconds,
                               int ftsRows) {
        public double documentsPerSecond() {
            return documents / seconds;
        }
    }

    /** One load run: a system (kb, postgres, health) at a number of clients. */
    public record Run(String system, int clients, double throughput, double p50Millis, double p99Millis,
                      double serverP99Millis, long failures) {
    }

    private record Target(String system, List<String> paths, String headers, String route) {
    }

    public record Result(String label, int documents, IndexFigures index, List<Run> runs, long heapMaxBytes,
                         long heapPeakBytes) {
    }

    /** kb as deployed: recent answers come from its result cache (a class repeats searches). */
    static final String KB = "kb";
    /** kb computing every answer ({@code Cache-Control: no-cache}): the engine against PostgreSQL's. */
    static final String KB_FRESH = "kb-fresh";
    static final String POSTGRES = "postgres";
    /**
     * The judged queries (selective, as participants type them), kb computing every answer, and PostgreSQL: where
     * a fixed cost per search shows, which heading words matching a large share of the corpus hide.
     */
    static final String KB_JUDGED = "kb-judged";
    static final String POSTGRES_JUDGED = "postgres-judged";
    static final String HEALTH = "health";
    static final String COURSE = "bench";

    private Benchmark() {
    }

    public static Result run(Settings s, Consumer<String> log) throws IOException, InterruptedException {
        Path corpus = s.source();
        String label = "source";
        if (s.documents() > 0) {
            CorpusGenerator.Corpus c = CorpusGenerator.generate(s.source(), s.work().resolve("corpus-" + s.documents()),
                    s.documents(), s.seed());
            corpus = c.root();
            label = Integer.toString(s.documents());
            log.accept((c.reused() ? "reusing " : "generated ") + c.documents() + " documents in " + corpus);
        }
        long opened = System.nanoTime();
        try (Kb kb = openFresh(s.work().resolve("data-" + label))) {
            double openSeconds = seconds(opened);
            IndexFigures index = index(kb, corpus, openSeconds, log);
            List<String> queries = QueryMix.from(s.source(), s.queries(), s.seed());
            ServerTimes times = new ServerTimes();
            Javalin server = ApiServer.create(kb, config -> {
                config.routes.before(times::before);
                config.routes.after(times::after);
                config.routes.apiBuilder(() -> io.javalin.apibuilder.ApiBuilder.get("/bench/postgres", ctx ->
                        ctx.json(kb.baseline().searchTable(ctx.queryParam("q"), 10, true))));
            });
            server.start("127.0.0.1", 0);
            HeapSampler heap = new HeapSampler(50);
            try {
                List<Run> runs = load(s, server.port(), queries, s.judged(), times, log);
                return new Result(label, index.documents(), index, runs, Runtime.getRuntime().maxMemory(), heap.peak());
            } finally {
                heap.close();
                server.stop();
            }
        }
    }

    /**
     * kb on an embedded PostgreSQL and a search index of its own, in {@code data} emptied first. Without the
     * semantic signal: the mixes are keywords, which it leaves lexical, and embedding every passage (≈ 50 a
     * second) would take hours at 100 000 documents and the CPU from the searches measured; its cost is measured
     * apart (docs/benchmarks.md#searching-by-meaning).
     */
    static Kb openFresh(Path data) throws IOException {
        Directories.delete(data, false);
        return Kb.open(new Config(0, data, Config.DatabaseSettings.embedded()).withSemantic(false));
    }

    /** A cold {@code kb index} of a course in a new process (see {@link ColdIndex}); empty when not from a jar. */
    public static java.util.Optional<Double> coldIndex(Path course, Path dataDir) throws IOException,
            InterruptedException {
        Directories.delete(dataDir, false);
        try {
            return ColdIndex.measure(course, dataDir);
        } finally {
            Directories.delete(dataDir, false);
        }
    }

    private static IndexFigures index(Kb kb, Path corpus, double openSeconds, Consumer<String> log) throws IOException,
            InterruptedException {
        PhaseTimes phases = new PhaseTimes();
        long started = System.nanoTime();
        IndexRunReport report = kb.index(COURSE, corpus, false, phases);
        double seconds = seconds(started);
        phases.end();
        int documents = report.filesParsed();
        log.accept(String.format("indexed %d documents in %.1f s (%.0f/s): %s", documents, seconds,
                documents / seconds, phases.seconds));

        started = System.nanoTime();
        kb.index(COURSE, corpus);
        double unchanged = seconds(started);
        log.accept(String.format("re-index with nothing changed: %.2f s", unchanged));

        double fresh = changedFileSearchable(kb, corpus);
        log.accept(String.format("a changed file was found by search %.2f s after its re-index started", fresh));

        started = System.nanoTime();
        int rows = kb.baseline().buildSearchTable(COURSE);
        double fts = seconds(started);
        log.accept(String.format("PostgreSQL full-text search: %d topics loaded and GIN-indexed in %.1f s", rows, fts));
        return new IndexFigures(documents, openSeconds, seconds, phases.seconds, unchanged, fresh, fts, rows);
    }

    /**
     * Appends a word no document has to one file, starts a re-index and searches for the word until it is found;
     * then puts the file back as it was (and re-indexes), so the corpus stays reusable.
     */
    private static double changedFileSearchable(Kb kb, Path corpus) throws IOException, InterruptedException {
        Path file = changeableFile(corpus);
        byte[] original = Files.readAllBytes(file);
        String word = "freshness" + Long.toString(System.nanoTime(), 36);
        Files.write(file, (new String(original, StandardCharsets.UTF_8) + "\n\n" + word + "\n")
                .getBytes(StandardCharsets.UTF_8));
        var executor = Executors.newSingleThreadExecutor();
        try {
            long started = System.nanoTime();
            Future<IndexRunReport> run = executor.submit(() -> kb.index(COURSE, corpus));
            SearchService.Request request = new SearchService.Request(word, COURSE, 1, 0);
            while (kb.services().search().search(request).total() == 0) {
                if (run.isDone() && kb.services().search().search(request).total() == 0) {
                    run.get();
                    throw new IllegalStateException("the changed file was indexed but its new word is not found");
                }
                Thread.sleep(2);
            }
            double seconds = seconds(started);
            run.get();
            return seconds;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("re-indexing the changed file failed: " + e.getCause().getMessage(), e);
        } finally {
            executor.shutdown();
            Files.write(file, original);
            kb.index(COURSE, corpus);
        }
    }

    /** A document of the course that is not its agenda (README.md), the same one every time. */
    static Path changeableFile(Path corpus) throws IOException {
        try (Stream<Path> walk = Files.walk(corpus)) {
            return walk.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
                    .max(Comparator.naturalOrder()).orElseThrow(() -> new IOException("no document to change"));
        }
    }

    private static List<Run> load(Settings s, int port, List<String> queries, List<String> judged, ServerTimes times,
                                  Consumer<String> log) throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        List<Target> targets = new ArrayList<>(List.of(
                new Target(KB_FRESH, kbSearches(queries), NO_CACHE, "/api/v1/search"),
                new Target(KB, kbSearches(queries), "", "/api/v1/search"),
                new Target(POSTGRES, postgresSearches(queries), "", "/bench/postgres")));
        if (!judged.isEmpty()) {
            targets.add(new Target(KB_JUDGED, kbSearches(judged), NO_CACHE, "/api/v1/search"));
            targets.add(new Target(POSTGRES_JUDGED, postgresSearches(judged), NO_CACHE, "/bench/postgres"));
        }
        targets.add(new Target(HEALTH, List.of("/health"), "", "/health"));
        List<Run> runs = new ArrayList<>();
        int most = s.clients().stream().max(Integer::compare).orElse(1);
        for (int clients : s.clients()) {
            for (Target target : targets) {
                if (target.system().equals(HEALTH) && clients != most) {
                    continue;
                }
                HttpLoad.Result r = HttpLoad.run(address, target.paths(), target.headers(), clients, s.warmup(),
                        s.duration(), 0, times::reset);
                Run run = new Run(target.system(), clients, r.throughput(), r.millis(50), r.millis(99),
                        times.p99Millis(target.route()), r.failures());
                log.accept(String.format("%-8s %3d clients: %8.0f req/s, p50 %6.2f ms, p99 %6.2f ms (server p99 %6.2f ms)"
                                + ", %d failed", run.system(), clients, run.throughput(), run.p50Millis(), run.p99Millis(),
                        run.serverP99Millis(), run.failures()));
                runs.add(run);
            }
        }
        return runs;
    }

    /** Every answer computed: kb's result cache is bypassed (PostgreSQL has none, the header costs it nothing). */
    private static final String NO_CACHE = "Cache-Control: no-cache\r\n";

    private static List<String> kbSearches(List<String> queries) {
        return queries.stream().map(q -> "/api/v1/search?course=" + COURSE + "&limit=10&q=" + encode(q)).toList();
    }

    /** PostgreSQL FTS queried directly: stored weighted tsvector, GIN, websearch_to_tsquery, ts_rank_cd, ts_headline. */
    private static List<String> postgresSearches(List<String> queries) {
        return queries.stream().map(q -> "/bench/postgres?q=" + encode(q)).toList();
    }

    static String encode(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** How long each phase of an index run took, from the progress it reports. */
    private static final class PhaseTimes implements IndexProgress {
        final Map<String, Double> seconds = new LinkedHashMap<>();
        private String phase;
        private long since;

        @Override
        public synchronized void update(String next, int done, int total) {
            if (!next.equals(phase)) {
                end();
                phase = next;
                since = System.nanoTime();
            }
        }

        synchronized void end() {
            if (phase != null) {
                seconds.merge(phase, Math.round(seconds(since) * 100) / 100.0, Double::sum);
                phase = null;
            }
        }
    }
}
