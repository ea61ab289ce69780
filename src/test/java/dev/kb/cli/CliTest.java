package dev.kb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.Main;
import dev.kb.testing.Courses;
import dev.kb.testing.LocalWeb;
import dev.kb.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    private static final String UNREACHABLE_DATABASE = "jdbc:postgresql://127.0.0.1:1/kb?connectTimeout=2";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void help_lists_the_commands_and_each_command_the_options_it_uses() {
        Run run = run("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("serve", "index", "coverage", "check-links", "eval", "bench", "kb COMMAND --help");

        Run serve = run("serve", "--help");
        assertThat(serve.exit()).isZero();
        assertThat(serve.out()).contains("--port", "KB_PORT", "--cors-origins", "--admin-token", "--data-dir",
                "KB_DATA_DIR", "--database-url", "KB_DATABASE_URL", "--course-id", "--offline", "--max-file-bytes",
                "--semantic", "KB_SEMANTIC");

        Run eval = run("eval", "--help");
        assertThat(eval.out()).contains("--queries", "--data-dir", "--database-url", "--course-id", "--max-file-bytes")
                .doesNotContain("--port", "--cors-origins", "--admin-token", "--offline", "--link-max-age");
        assertThat(run("coverage", "--help").out()).contains("--format", "--data-dir")
                .doesNotContain("--port", "--cors-origins", "--admin-token", "--offline");
        assertThat(run("index", "--help").out()).contains("--offline", "--link-max-age", "--allow-private-links")
                .doesNotContain("--port", "--cors-origins", "--admin-token");
        assertThat(run("bench", "generate", "--help").out()).contains("--from")
                .doesNotContain("--port", "--data-dir", "--database-url", "--max-file-bytes");
    }

    @Test
    void an_unknown_command_or_misplaced_option_says_so_in_one_line_and_exits_2() {
        Run unknown = run("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("kb: unknown command 'frobnicate', see 'kb --help'\n");
        assertThat(run("serv").err()).contains("unknown command 'serv' (did you mean 'serve'?)");
        assertThat(run("bench", "frob").err()).contains("unknown command 'frob', see 'kb bench --help'");

        Run misplaced = run("--port", "8080", "serve");
        assertThat(misplaced.exit()).isEqualTo(2);
        assertThat(misplaced.err()).contains("option '--port' goes after its command, e.g. 'kb serve --port …'")
                .hasLineCount(1);
        Run foreign = run("eval", Courses.fixture().toString(), "--port", "8080");
        assertThat(foreign.exit()).isEqualTo(2);
        assertThat(foreign.err()).contains("Unknown option", "'--port'", "see 'kb eval --help'").hasLineCount(1);
    }

    @Test
    void bad_arguments_are_one_readable_line_and_exit_2() {
        for (String[] args : new String[][] {{"serve", "--port", "abc"}, {"index", "/no/such/course"},
                {"index", Courses.fixture().toString(), "--course-id", "Not Valid!"}, {"frobnicate"},
                {"index", Courses.fixture().toString(), "--max-file-bytes", "10"},
                {"index", Courses.fixture().toString(), "--max-nesting-depth", "0"},
                {"index", Courses.fixture().toString(), "--semantic", "maybe"},
                {"serve", Courses.fixture().toString(), "--course-roots", "/no/such/dir", "--port", "0"}}) {
            Run run = run(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip()).startsWith("kb: ").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void serve_refuses_a_port_out_of_range_at_once_before_any_database_is_touched(@TempDir Path dataDir) {
        for (String port : new String[] {"99999", "-1", "http"}) {
            Run run = run("serve", Courses.fixture().toString(), "--port", port, "--data-dir", dataDir.toString(),
                    "--database-url", UNREACHABLE_DATABASE);
            assertThat(run.exit()).as(port).isEqualTo(2);
            assertThat(run.err()).as(port).contains("'" + port + "' is not a port: use 0 (any free port) to 65535")
                    .doesNotContain("PostgreSQL").hasLineCount(1);
        }
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void serve_on_a_port_in_use_says_so_before_starting_the_database_or_indexing(@TempDir Path dataDir)
            throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            // The database is unreachable: had kb tried it before the port, the line would be about PostgreSQL.
            Run run = run("serve", Courses.fixture().toString(), "--port", Integer.toString(taken.getLocalPort()),
                    "--data-dir", dataDir.toString(), "--database-url", UNREACHABLE_DATABASE);
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).startsWith("kb: cannot listen on port " + taken.getLocalPort() + " (")
                    .contains("choose another with --port or KB_PORT").doesNotContain("PostgreSQL").hasLineCount(1);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void unreachable_database_is_one_readable_line_and_exit_1(@TempDir Path dataDir) {
        Run run = run("index", Courses.fixture().toString(), "--data-dir", dataDir.toString(),
                "--database-url", "jdbc:postgresql://127.0.0.1:1/kb?connectTimeout=2");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("kb: cannot connect to PostgreSQL").doesNotContain("\n");
    }

    @Test
    void eval_scores_search_next_to_postgres_and_the_prerequisite_graph(@TempDir Path dataDir) throws Exception {
        String url = TestDatabases.fresh(TestDatabases.Target.EMBEDDED).url();
        Path queries = Path.of(CliTest.class.getResource("/courses/fixture-queries.tsv").toURI());
        Path pairs = Path.of(CliTest.class.getResource("/courses/fixture-prerequisites.tsv").toURI());
        Run run = run("eval", Courses.fixture().toString(), "--queries", queries.toString(), "--rounds", "2",
                "--prerequisites", pairs.toString(), "--data-dir", dataDir.toString(), "--database-url", url);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 judged questions").containsPattern("kb \\(Lucene\\) +1\\.000")
                .contains("PostgreSQL FTS english", "PostgreSQL FTS german", "PostgreSQL FTS simple")
                .contains("median").contains("p99")
                .contains("positive pairs held:        2 of 2").contains("negative pairs violated:    0 of 1")
                .contains("dropped to break cycles");
        assertThat(run("eval", Courses.fixture().toString()).err()).contains("--queries FILE, --prerequisites FILE and/or --gaps FILE");
    }

    @Test
    void eval_regressions_scores_the_manifest_and_prints_each_row_with_today_and_exits_1_when_one_is_off(
            @TempDir Path dir) throws Exception {
        String url = TestDatabases.fresh(TestDatabases.Target.EMBEDDED).url();
        Path queries = Path.of(CliTest.class.getResource("/courses/fixture-queries.tsv").toURI());
        Files.writeString(dir.resolve("courses.tsv"), "fixture-course\tdirectory\t" + Courses.fixture() + "\n"
                + "fixture-course\tqueries\t" + queries + "\n"
                + "absent-course\tdirectory\t" + dir.resolve("nowhere") + "\n");
        Files.writeString(dir.resolve("regressions.tsv"), "# course\tjudged\tmeasure\texpected\ttolerance\n"
                + "fixture-course\tqueries\tkb.mrr@10\t1.0\t0.01\n"
                + "fixture-course\tqueries\tpassages.cited\t0\t0\n"
                + "absent-course\tqueries\tkb.mrr@10\t1.0\t0\n");
        String[] common = {"--data-dir", dir.resolve("data").toString(), "--database-url", url, "--rounds", "0"};
        Run run = run(concat(new String[] {"eval", "--regressions", dir.resolve("regressions.tsv").toString()}, common));
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("== fixture-course", "== absent-course: skipped")
                .containsPattern("queries +kb +1\\.000")
                .containsPattern("fixture-course +queries +kb.mrr@10 +1.000 +0.010 +1.000 +ok")
                .containsPattern("fixture-course +queries +passages.cited +0.000 +0.000 +4.000 +FAILED")
                .contains("skipped: course absent", "3 rows, 1 failed");

        Files.writeString(dir.resolve("regressions.tsv"), "fixture-course\tqueries\tkb.mrr@10\tmuch\t0\n");
        Run malformed = run(concat(new String[] {"eval", "--regressions", dir.resolve("regressions.tsv").toString()},
                common));
        assertThat(malformed.exit()).isEqualTo(1);
        assertThat(malformed.err().strip()).startsWith("kb: ").contains("expected and tolerance must be numbers")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void coverage_prints_the_report_and_exits_3_on_broken_links(@TempDir Path dataDir) throws Exception {
        String url = TestDatabases.fresh(TestDatabases.Target.EMBEDDED).url();
        Run broken = run("coverage", Courses.fixture().toString(), "--data-dir", dataDir.toString(), "--database-url", url);
        assertThat(broken.exit()).as(broken.err()).isEqualTo(3);
        assertThat(broken.out()).startsWith("# Coverage of fixture-course").contains("did you mean `setup/01-install.md`?");
        assertThat(broken.err()).as("why it exits 3").matches(
                "kb: [2-9] broken local links \\(see \"Broken links\" in the report\\); exit 3\n");

        Path clean = dataDir.resolve("clean-course");
        java.nio.file.Files.createDirectories(clean);
        java.nio.file.Files.writeString(clean.resolve("README.md"), "# Clean\n\n## Agenda\n\n1. One\n   * [A](a.md)\n");
        java.nio.file.Files.writeString(clean.resolve("a.md"), "# A\n\nSome text.\n");
        Run ok = run("coverage", clean.toString(), "--format", "json", "--data-dir", dataDir.toString(),
                "--database-url", url);
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("\"brokenLinks\" : [ ]");
        assertThat(ok.err()).doesNotContain("broken");
    }

    @Test
    void index_reports_the_run_and_its_issues(@TempDir Path dataDir) {
        String url = TestDatabases.fresh(TestDatabases.Target.EMBEDDED).url();
        Run run = run("index", Courses.fixture().toString(), "--data-dir", dataDir.toString(), "--database-url", url,
                "--course-id", "my-course", "--offline");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("external links");
        assertThat(run.out()).contains("Indexed my-course (\"Fixture Course: Cloud Native Basics\")")
                .contains("22 files, 20 parsed").contains("skipped   binary.md");
        Run again = run("index", Courses.fixture().toString(), "--data-dir", dataDir.toString(), "--database-url", url,
                "--course-id", "my-course", "--offline");
        assertThat(again.out()).contains("0 parsed, 20 unchanged");
    }

    @Test
    void check_links_lists_broken_links_and_exits_3_and_index_checks_through_the_cache(@TempDir Path dir) throws Exception {
        try (LocalWeb web = LocalWeb.start()) {
            web.route("/fine", LocalWeb.html("Fine", "all good"))
                    .route("/gone", ex -> LocalWeb.respond(ex, 410, "text/plain", "gone"));
            Path course = dir.resolve("links");
            Files.createDirectories(course);
            Files.writeString(course.resolve("README.md"), "# Links\n\n## Agenda\n\n### One\n- [Topic](topic.md)\n");
            Files.writeString(course.resolve("topic.md"), "# Topic\n\n[fine](" + web.url("/fine") + ") and\n\n[gone]("
                    + web.url("/gone") + ")\n");
            String url = TestDatabases.fresh(TestDatabases.Target.EMBEDDED).url();
            String[] common = {"--data-dir", dir.resolve("data").toString(), "--database-url", url};

            Run refused = run(concat(new String[] {"check-links", course.toString()}, common));
            assertThat(refused.exit()).as(refused.err()).isZero();
            assertThat(refused.out()).contains("2 references, 2 checked now, 0 from the cache (2 excluded)");
            assertThat(web.requestCount()).isZero();

            // Exclusions depend on the run's settings, so they are checked again despite the cache.
            Run checked = run(concat(new String[] {"check-links", course.toString(), "--allow-private-links"}, common));
            assertThat(checked.exit()).as(checked.err()).isEqualTo(3);
            assertThat(checked.out()).contains("2 checked now", "1 broken", "1 ok")
                    .contains("broken " + web.url("/gone") + "  HTTP 410 (topic.md:5)");
            assertThat(checked.err()).isEqualTo("kb: 1 broken external link (HTTP 4xx, listed as broken); exit 3\n");

            int requests = web.requestCount();
            Run index = run(concat(new String[] {"index", course.toString(), "--allow-private-links"}, common));
            assertThat(index.exit()).as(index.err()).isZero();
            assertThat(index.out()).contains("0 checked now, 2 from the cache");
            assertThat(web.requestCount()).isEqualTo(requests);
            assertThat(index.err()).as("links that answered are no sign of being offline").doesNotContain("offline");
        }
    }

    @Test
    void index_hints_at_offline_when_most_links_cannot_reach_their_host(@TempDir Path dir) throws Exception {
        Path course = dir.resolve("unreachable");
        Files.createDirectories(course);
        Files.writeString(course.resolve("README.md"), "# Unreachable\n\n## Agenda\n\n### One\n- [Topic](topic.md)\n");
        // .invalid never resolves (RFC 2606): what every host looks like to a machine without a network.
        Files.writeString(course.resolve("topic.md"), "# Topic\n\n[a](https://one.invalid/a), [b](https://two.invalid/b)"
                + " and [c](http://three.invalid/c)\n");
        String url = TestDatabases.fresh(TestDatabases.Target.EMBEDDED).url();
        Run index = run("index", course.toString(), "--data-dir", dir.resolve("data").toString(), "--database-url", url);
        assertThat(index.exit()).as(index.err()).isZero();
        assertThat(index.out()).contains("3 references, 3 checked now", "(3 error)");
        assertThat(index.err()).isEqualTo("kb: 3 of 3 external links could not reach their host (DNS or connection "
                + "errors): is this machine offline? --offline (or KB_OFFLINE=true) indexes without checking links.\n");

        Run again = run("index", course.toString(), "--data-dir", dir.resolve("data").toString(), "--database-url", url,
                "--offline");
        assertThat(again.err()).isEmpty();
    }

    @Test
    void check_links_refuses_offline_and_bad_ages_in_one_line() {
        Run offline = run("check-links", Courses.fixture().toString(), "--offline");
        assertThat(offline.exit()).isEqualTo(2);
        assertThat(offline.err()).contains("check-links needs the network").doesNotContain("Exception");
        Run age = run("check-links", Courses.fixture().toString(), "--link-max-age", "soon");
        assertThat(age.exit()).isEqualTo(2);
        assertThat(age.err()).contains("'soon' is not a duration").hasLineCount(1);
    }

    @Test
    void course_text_cannot_send_escape_sequences_to_the_terminal(@TempDir Path dir) throws Exception {
        Path course = Files.createDirectories(dir.resolve("course"));
        Files.writeString(course.resolve("README.md"), "# Clear\u001b[2J screen\n\n- [A](a.md)\n");
        Files.writeString(course.resolve("a.md"), "# A\n\ntext\n");
        Files.writeString(course.resolve("x\u001b]0;owned\u0007\nforged line.md"), "");
        Run run = run("index", course.toString(), "--data-dir", dir.resolve("data").toString(), "--database-url",
                TestDatabases.fresh(TestDatabases.Target.EMBEDDED).url(), "--offline");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\nforged line")
                .contains("(\"Clear␛[2J screen\")").contains("x␛]0;owned␇␊forged line.md");
    }

    @Test
    void a_public_url_that_is_not_an_absolute_http_url_is_one_line_and_exit_2() {
        for (String bad : new String[] {"kb.example.org", "ftp://kb.example.org", "https://kb.example.org/?a=1",
                "https://kb.example.org/#x", "https://user:secret@kb.example.org"}) {
            Run run = run("serve", Courses.fixture().toString(), "--public-url", bad);
            assertThat(run.exit()).as(bad).isEqualTo(2);
            assertThat(run.err()).as(bad).startsWith("kb: ").contains("--public-url").hasLineCount(1)
                    .doesNotContain("Exception");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
