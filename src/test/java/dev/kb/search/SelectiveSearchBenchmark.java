package dev.kb.search;

import dev.kb.ingest.CourseScanner;
import dev.kb.ingest.DocumentParser;
import dev.kb.model.ParsedDocument;
import dev.kb.model.TopicIds;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole search computed afresh for the judged queries of the three dev courses (what participants type: few
 * words, selective) over a large corpus, one query per operation in turn: the fixed cost per search that
 * {@code bench/run.sh}'s judged mix measures over HTTP, without HTTP. The corpus is {@code kb.bench.course}
 * (e.g. one grown by {@code kb bench generate}); its index is kept in {@code kb.bench.index} and reused when
 * there, since indexing 20 000 documents takes minutes. The queries come from {@code kb.bench.eval}
 * (default {@code ../shared/eval}). Run with {@code bench/jmh.sh SelectiveSearchBenchmark}, e.g. with
 * {@code -prof jfr} to see where the time goes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SelectiveSearchBenchmark {
    private static final SearchSettings SETTINGS = SearchSettings.configured();

    private SearchIndex index;
    private SearchService search;
    private List<String> queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path course = Path.of(System.getProperty("kb.bench.course", "src/test/resources/courses/fixture-course"));
        Path dir = Path.of(System.getProperty("kb.bench.index", "target/jmh-index-" + course.getFileName()));
        boolean reuse = Files.isDirectory(dir) && Files.list(dir).findAny().isPresent();
        index = SearchIndex.open(dir);
        if (!reuse || index.documentCount() == 0) {
            indexCourse(course);
        }
        search = new SearchService(index, SETTINGS);
        queries = dev.kb.bench.QueryMix.judged(Path.of(System.getProperty("kb.bench.eval", "../shared/eval")));
        if (queries.isEmpty()) {
            throw new IllegalStateException("no judged queries under " + System.getProperty("kb.bench.eval"));
        }
        System.out.printf("%n%d documents in the index, %d judged queries%n", index.documentCount(), queries.size());
    }

    private void indexCourse(Path course) throws IOException {
        Ranking ranking = SETTINGS.ranking();
        try (SearchIndex.Batch batch = index.batch()) {
            CourseScanner.scan(course).markdown().parallelStream().forEach(f -> {
                try {
                    String text = Files.readString(f.file(), StandardCharsets.UTF_8);
                    ParsedDocument parsed = DocumentParser.parse(f.path(), text);
                    String id = TopicIds.of("bench", f.path());
                    DocumentRow row = new DocumentRow(id, "bench", f.path(), "topic", parsed.title(), "",
                            text.length(), parsed.wordCount(), parsed.codeBlocks().size(), (int) parsed.imageCount(),
                            OffsetDateTime.now(), parsed.language(), parsed.category(), false);
                    List<DocumentStore.StoredPassage> passages = new ArrayList<>();
                    for (ParsedDocument.Passage p : parsed.passages()) {
                        passages.add(new DocumentStore.StoredPassage(TopicIds.passage(id, p.text(), passages.size()), p));
                    }
                    batch.replaceTopic(id, TopicDocuments.of(row, parsed.sections(), passages, TopicContext.NONE,
                            ranking.inAgendaPrior(), Map.of()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            batch.publish(Map.of("bench", 1L));
        }
    }

    /**
     * CPU time per search of the same queries, measured on the searching thread: on a machine shared with other
     * work, wall-clock averages swing by half, CPU time much less. Prints the median of {@code rounds} rounds over
     * all judged queries after {@code warmup} rounds: {@code java ... SelectiveSearchBenchmark [warmup rounds]}.
     */
    public static void main(String[] args) throws IOException {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        SelectiveSearchBenchmark b = new SelectiveSearchBenchmark();
        b.setUp();
        String dump = System.getProperty("kb.bench.dump");
        if (dump != null) {
            // Every answer in full (hits, scores, quotes, totals, facets, corrections): two builds that answer
            // the same write the same file.
            StringBuilder out = new StringBuilder();
            for (String q : b.queries) {
                out.append(b.search.search(new SearchService.Request(q, null, 10, 0), true)).append('\n');
            }
            Files.writeString(Path.of(dump), out);
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] perSearch = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            long start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < b.queries.size(); i++) {
                b.judgedQuery();
            }
            if (r >= 0) {
                perSearch[r] = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / b.queries.size();
            }
        }
        java.util.Arrays.sort(perSearch);
        System.out.printf("CPU per search, median of %d rounds of %d judged queries: %.2f ms (min %.2f, max %.2f)%n",
                rounds, b.queries.size(), perSearch[rounds / 2], perSearch[0], perSearch[rounds - 1]);
        b.tearDown();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        index.close();
    }

    /** One judged query (the next in turn), searched afresh: ranking, facets, best sections, 10 snippets. */
    @Benchmark
    public SearchResult judgedQuery() {
        String q = queries.get(next++ % queries.size());
        return search.search(new SearchService.Request(q, null, 10, 0), true);
    }
}
