package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.config.Config;
import dev.kb.config.IndexSettings;
import dev.kb.db.Database;
import dev.kb.model.RunIssue;
import dev.kb.model.TopicIds;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import dev.kb.store.IndexRunRow;
import dev.kb.store.Stores;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Index runs against real PostgreSQL servers: the embedded one and, when configured, KB_TEST_DATABASE_URL. */
class IngestServiceTest {

    static List<TestDatabases.Target> targets() {
        return TestDatabases.targets();
    }

    private static Database open(TestDatabases.Target target, Path dataDir) {
        return Database.open(new Config(0, dataDir, TestDatabases.fresh(target)));
    }

    private static Stores stores(Database db) {
        return new Stores(db.dsl());
    }

    private static IngestService ingest(Database db) {
        return new IngestService(stores(db), IngestLimits.DEFAULT, IndexSettings.configured().courseWideSteps());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void indexes_every_markdown_file_and_reports_what_it_could_not_read(TestDatabases.Target target, @TempDir Path tmp) {
        try (Database db = open(target, tmp)) {
            IndexRunReport report = ingest(db).index("fixture", Courses.fixture());

            assertThat(report.filesScanned()).isEqualTo(22);
            assertThat(report.filesParsed()).isEqualTo(20);
            assertThat(report.issues()).extracting(RunIssue::path, RunIssue::severity).contains(
                    org.assertj.core.groups.Tuple.tuple("binary.md", RunIssue.Severity.SKIPPED),
                    org.assertj.core.groups.Tuple.tuple("latin1.md", RunIssue.Severity.WARNING),
                    org.assertj.core.groups.Tuple.tuple("empty.md", RunIssue.Severity.WARNING));

            DocumentStore docs = stores(db).documents();
            Map<String, DocumentRow> byPath = docs.list("fixture").stream()
                    .collect(Collectors.toMap(DocumentRow::path, Function.identity()));
            assertThat(byPath).hasSize(20).doesNotContainKey("binary.md");
            assertThat(byPath.get("README.md").kind()).isEqualTo("agenda");
            assertThat(byPath.values().stream().filter(DocumentRow::isTopic)).hasSize(19);
            DocumentRow overview = byPath.get("overview.md");
            assertThat(overview.id()).isEqualTo(TopicIds.of("fixture", "overview.md"));
            assertThat(overview.title()).isEqualTo("Überblick über Cloud Native");
            assertThat(docs.markdown(overview.id())).get().asString().startsWith("# Überblick");
            assertThat(docs.sections(overview.id())).extracting(s -> s.anchor())
                    .containsExactly("überblick-über-cloud-native", "ziele");
            assertThat(byPath.get("crlf-bom.md").title()).isEqualTo("Windows Notes");
            assertThat(byPath.get("latin1.md").title()).contains("aus Latin-1");
            assertThat(stores(db).agenda().read("fixture").items()).hasSize(18);
            assertThat(stores(db).runs().latestSucceeded("fixture")).get()
                    .extracting(IndexRunRow::id).isEqualTo(report.runId());
            assertThat(stores(db).runs().issues(report.runId())).hasSameSizeAs(report.issues());
        }
    }

    @Test
    void a_folder_that_cannot_be_read_is_skipped_with_the_reason_and_the_run_goes_on(@TempDir Path tmp) throws Exception {
        Path unreadable = Courses.unlistableFolder();
        Assumptions.assumeTrue(unreadable != null, "no folder here refuses to be listed");
        try (Database db = open(TestDatabases.Target.EMBEDDED, tmp)) {
            IndexRunReport report = ingest(db).index("proc", unreadable.getParent());

            RunIssue skipped = new RunIssue(unreadable.getFileName().toString(), RunIssue.Severity.SKIPPED,
                    "cannot be read: access denied");
            assertThat(report.issues()).contains(skipped);
            assertThat(stores(db).runs().issues(report.runId())).contains(skipped);
            assertThat(stores(db).runs().latestSucceeded("proc")).get()
                    .extracting(IndexRunRow::id).isEqualTo(report.runId());
            assertThat(stores(db).documents().assets("proc")).contains("status");
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void re_index_parses_only_changed_files_and_drops_deleted_ones(TestDatabases.Target target, @TempDir Path tmp)
            throws Exception {
        Path course = Courses.fixtureCopy(tmp);
        try (Database db = open(target, tmp)) {
            IngestService ingest = ingest(db);
            ingest.index("fixture", course);
            DocumentStore docs = stores(db).documents();
            String servicesId = TopicIds.of("fixture", "networking/services.md");

            IndexRunReport unchanged = ingest.index("fixture", course);
            assertThat(unchanged.filesParsed()).isZero();
            assertThat(unchanged.filesUnchanged()).isEqualTo(20);
            assertThat(unchanged.changedIds()).isEmpty();

            Files.writeString(course.resolve("networking/services.md"), "# Services, rewritten\n\nNew text.\n");
            Files.delete(course.resolve("guides/troubleshooting.md"));
            IndexRunReport changed = ingest.index("fixture", course);

            assertThat(changed.filesParsed()).isEqualTo(1);
            assertThat(changed.filesRemoved()).isEqualTo(1);
            assertThat(changed.changedIds()).containsExactly(servicesId);
            assertThat(changed.removedIds()).containsExactly(TopicIds.of("fixture", "guides/troubleshooting.md"));
            assertThat(docs.find(servicesId)).get().extracting(DocumentRow::title).isEqualTo("Services, rewritten");
            assertThat(docs.findByPath("fixture", "guides/troubleshooting.md")).isEmpty();
            assertThat(docs.topicLinks("fixture")).noneMatch(l -> l.documentPath().equals("guides/troubleshooting.md"));
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void a_run_that_fails_inside_its_transaction_leaves_the_previous_state_and_is_recorded(TestDatabases.Target target,
                                                                                           @TempDir Path tmp) throws Exception {
        Path course = Courses.fixtureCopy(tmp);
        Config.DatabaseSettings settings = TestDatabases.fresh(target);
        try (Database db = Database.open(new Config(0, tmp, settings))) {
            IngestService ingest = ingest(db);
            IndexRunReport first = ingest.index("fixture", course);
            // PostgreSQL itself refuses the run's last writes: a real failure late in the transaction.
            TestDatabases.execute(settings.url(), """
                    create function kb_test_refuse() returns trigger language plpgsql as
                    $$ begin raise exception 'refused by test trigger'; end $$;
                    create trigger kb_test_refuse before insert on prerequisite
                    for each row execute function kb_test_refuse();
                    """);
            Files.writeString(course.resolve("overview.md"), "# Overview, changed\n");

            assertThatThrownBy(() -> ingest.index("fixture", course)).isInstanceOf(IngestFailed.class)
                    .hasMessageContaining("refused by test trigger");

            DocumentStore docs = stores(db).documents();
            assertThat(docs.findByPath("fixture", "overview.md")).get().extracting(DocumentRow::title)
                    .isEqualTo("Überblick über Cloud Native");
            assertThat(stores(db).runs().latestSucceeded("fixture")).get()
                    .extracting(IndexRunRow::id).isEqualTo(first.runId());
            String state = db.dsl().fetchValue("select state || ':' || error from index_run order by id desc limit 1")
                    .toString();
            assertThat(state).startsWith("failed:").contains("refused by test trigger");
        }
    }
}
