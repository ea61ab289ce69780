package dev.kb.search;

import dev.kb.ingest.CourseScanner;
import dev.kb.ingest.DocumentParser;
import dev.kb.model.ParsedDocument;
import dev.kb.model.TopicIds;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.search.Query;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The in-process hot paths of a search, on a course indexed in a temporary directory (the course named by the
 * system property {@code kb.bench.course}, else the fixture course): analysing a section's text, building the
 * query, quoting a section with its matches marked, and a whole search with its page of snippets.
 * Run with {@code bench/jmh.sh}; not part of {@code mvn verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SearchHotPathsBenchmark {
    @Param({"kubectl get pods", "sidecar injection", "runAsNonRoot"})
    public String query;

    private static final SearchSettings SETTINGS = SearchSettings.configured();

    private Path dir;
    private SearchIndex index;
    private SearchService search;
    private final QueryBuilder queries = SETTINGS.queries();
    private final MatchHighlighter highlighter = new MatchHighlighter();
    private final Analyzer analyzer = Analyses.index(Analyses.Form.ENGLISH);
    private String sectionText;
    private MatchHighlighter.QueryTerms terms;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path course = Path.of(System.getProperty("kb.bench.course", "src/test/resources/courses/fixture-course"));
        dir = Files.createTempDirectory("kb-jmh");
        index = SearchIndex.open(dir);
        search = new SearchService(index, SETTINGS);
        Ranking ranking = SETTINGS.ranking();
        String longest = "";
        try (SearchIndex.Batch batch = index.batch()) {
            for (CourseScanner.SourceFile f : CourseScanner.scan(course).markdown()) {
                String text = new String(Files.readAllBytes(f.file()), StandardCharsets.UTF_8);
                ParsedDocument parsed = DocumentParser.parse(f.path(), text);
                String id = TopicIds.of("bench", f.path());
                DocumentRow row = new DocumentRow(id, "bench", f.path(), "topic", parsed.title(), "", text.length(),
                        parsed.wordCount(), parsed.codeBlocks().size(), (int) parsed.imageCount(), OffsetDateTime.now(),
                        parsed.language(), parsed.category(), false);
                List<DocumentStore.StoredPassage> passages = new ArrayList<>();
                for (ParsedDocument.Passage p : parsed.passages()) {
                    passages.add(new DocumentStore.StoredPassage(TopicIds.passage(id, p.text(), passages.size()), p));
                }
                batch.replaceTopic(id, TopicDocuments.of(row, parsed.sections(), passages, TopicContext.NONE,
                        ranking.inAgendaPrior(), Map.of()));
                for (ParsedDocument.Section s : parsed.sections()) {
                    if (s.bodyText().length() > longest.length() && s.bodyText().length() < 4000) {
                        longest = s.bodyText();
                    }
                }
            }
            batch.publish(Map.of("bench", 1L));
        }
        sectionText = longest;
        terms = index.withSearcher(s -> MatchHighlighter.QueryTerms.of(
                queries.build(UserQuery.parse(query), ranking.sectionFields(), s, false),
                Set.copyOf(QueryBuilder.analyze(Analyses.whole(Analyses.Form.EXACT), query))));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        index.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Analysis of one section's text for indexing (English form): the bulk of indexing time. */
    @Benchmark
    public void analyzeSection(Blackhole bh) throws IOException {
        try (TokenStream ts = analyzer.tokenStream("b.en", sectionText)) {
            ts.reset();
            int n = 0;
            while (ts.incrementToken()) {
                n++;
            }
            ts.end();
            bh.consume(n);
        }
    }

    @Benchmark
    public Query buildQuery() {
        return index.withSearcher(s -> queries.build(UserQuery.parse(query), Ranking.configured().topicFields(),
                s, false));
    }

    @Benchmark
    public Object highlightSection() {
        return highlighter.snippet(terms, IndexFields.Text.BODY, sectionText, "en", false);
    }

    /** A whole search computed afresh (not from the result cache): query, ranking, facets, best sections, snippets. */
    @Benchmark
    public SearchResult search() {
        return search.search(new SearchService.Request(query, null, 10, 0), true);
    }
}
