package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.model.Agenda;
import dev.kb.model.RunIssue;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A course that tries to make kb read outside its root — links climbing out, absolute and encoded paths, a
 * symbolic link to /etc/passwd, a symbolic link loop, files and folders swapped for links while it is indexed —
 * and the proof that what lies outside is in no table and no index afterwards.
 */
class OutsideTheRootTest {
    private static final Path SECRET = Path.of("/etc/passwd");

    @Test
    void nothing_outside_the_course_root_is_ever_read(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(SECRET), "needs /etc/passwd");
        String marker = Files.readAllLines(SECRET).get(0); // e.g. root:x:0:0:root:/root:/bin/bash
        Path course = Files.createDirectories(tmp.resolve("hostile"));
        Files.writeString(course.resolve("README.md"), """
                # Hostile course
                ## Agenda
                ### Module
                - [Climb](../../../etc/passwd)
                - [Rooted](/../etc/passwd)
                - [Absolute](/etc/passwd)
                - [Encoded](%2e%2e/%2e%2e/%2e%2e/etc/passwd)
                - [File URL](file:///etc/passwd)
                - [Linked secret](passwd.md)
                - [Notes](notes.md)
                """);
        Files.writeString(course.resolve("notes.md"), "# Notes\n\nSee [this](../../../../../../etc/passwd#root).\n");
        Files.createSymbolicLink(course.resolve("passwd.md"), SECRET);
        Path docs = Files.createDirectories(course.resolve("docs"));
        Files.createSymbolicLink(docs.resolve("loop"), course);

        Config.DatabaseSettings db = TestDatabases.fresh(TestDatabases.Target.EMBEDDED);
        Config config = new Config(0, tmp.resolve("data"), db);
        IndexRunReport report;
        try (Kb kb = Kb.open(config)) {
            report = kb.index("hostile", course);
        }
        assertThat(report.issues()).anySatisfy(i -> {
            assertThat(i.path()).isEqualTo("passwd.md");
            assertThat(i.severity()).isEqualTo(RunIssue.Severity.SKIPPED);
        });

        assertThat(rowsContaining(db.url(), marker)).as("rows holding /etc/passwd's first line").isEmpty();
        assertThat(storedFieldsContaining(config.luceneDir(), marker)).as("stored index fields").isEmpty();
    }

    /**
     * The race the scanner's own check cannot close: course files (and a folder) are swapped for symbolic links to
     * a secret outside the root and back, as fast as the file system allows, while full re-indexes run. Whatever
     * the scan saw, what is read must never be the secret; after every run, no table and no stored index field
     * holds the secret's marker.
     */
    @Test
    void files_swapped_for_symbolic_links_during_reindexes_are_never_read(@TempDir Path tmp) throws Exception {
        String marker = "kb-secret-" + java.util.UUID.randomUUID();
        String secretText = "# Secret\n\n" + marker + " is what must never leave this file.\n";
        Path secret = Files.writeString(tmp.resolve("secret.md"), secretText);
        Path outsideDocs = Files.createDirectories(tmp.resolve("outside/docs"));
        Path course = Files.createDirectories(tmp.resolve("swapped"));
        Path docs = Files.createDirectories(course.resolve("docs"));
        StringBuilder agenda = new StringBuilder("# Swapped course\n## Agenda\n### Module\n");
        int topics = 40;
        for (int i = 0; i < topics; i++) {
            Files.writeString(course.resolve("t" + i + ".md"), topicText(i));
            agenda.append("- [Topic ").append(i).append("](t").append(i).append(".md)\n");
        }
        for (int i = 0; i < 10; i++) {
            Files.writeString(docs.resolve("d" + i + ".md"), topicText(100 + i));
            Files.writeString(outsideDocs.resolve("d" + i + ".md"), secretText);
        }
        Files.writeString(course.resolve("README.md"), agenda);

        Config.DatabaseSettings db = TestDatabases.fresh(TestDatabases.Target.EMBEDDED);
        Config config = new Config(0, tmp.resolve("data"), db);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger swaps = new java.util.concurrent.atomic.AtomicInteger();
        List<String> found = new ArrayList<>();
        try (Kb kb = Kb.open(config)) {
            kb.index("swapped", course);
            Thread swapper = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        for (int i = 0; i < topics && !stop.get(); i++) {
                            swap(course, "t" + i + ".md", secret, topicText(i));
                            if (i % 8 == 0) {
                                swapFolder(course, "docs", outsideDocs);
                            }
                            swaps.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "symlink-swapper");
            swapper.setDaemon(true);
            swapper.start();
            try {
                for (int run = 0; run < 15 && found.isEmpty(); run++) {
                    kb.index("swapped", course, true, IndexProgress.NONE);
                    rowsContaining(db.url(), marker).forEach(r -> found.add(cut("PostgreSQL " + r)));
                    storedFieldsContaining(config.luceneDir(), marker).forEach(f -> found.add(cut("Lucene " + f)));
                }
            } finally {
                stop.set(true);
                swapper.join();
            }
        }
        assertThat(swaps.get()).as("swaps made while indexing").isPositive();
        assertThat(found).as("the secret's marker, read through a swapped-in symbolic link").isEmpty();
    }

    private static String cut(String hit) {
        return hit.length() > 160 ? hit.substring(0, 160) + "…" : hit;
    }

    private static String topicText(int i) {
        return "# Topic " + i + "\n\nOrdinary text of topic " + i + ", about pods and services.\n";
    }

    /** Replaces a course file by a symbolic link to the secret in one rename, then puts a regular file back. */
    private static void swap(Path course, String name, Path secret, String text) throws IOException {
        Path link = course.resolve(".swap-link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, secret);
        Files.move(link, course.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path regular = Files.writeString(course.resolve(".swap-file"), text);
        Files.move(regular, course.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Parks a course folder and puts a symbolic link to a folder outside (same file names, secret text) in its place, then back. */
    private static void swapFolder(Path course, String name, Path outside) throws IOException {
        Path folder = course.resolve(name);
        Path parked = course.resolve(".parked-" + name);
        Files.move(folder, parked, StandardCopyOption.ATOMIC_MOVE);
        Files.createSymbolicLink(folder, outside);
        Thread.onSpinWait();
        Files.delete(folder);
        Files.move(parked, folder, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every stored field of the search index's last commit that contains the marker. */
    private static List<String> storedFieldsContaining(Path luceneDir, String marker) throws IOException {
        List<String> hits = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(luceneDir))) {
            assertThat(reader.numDocs()).isPositive();
            for (int d = 0; d < reader.maxDoc(); d++) {
                Document doc = reader.storedFields().document(d);
                for (IndexableField f : doc.getFields()) {
                    if (f.stringValue() != null && f.stringValue().contains(marker)) {
                        hits.add(f.name() + ": " + f.stringValue());
                    }
                }
            }
        }
        return hits;
    }

    /** Every row of every table of the database, as text, that contains the marker. */
    private static List<String> rowsContaining(String url, String marker) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = current_schema() and table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("document", "link", "section");
            for (String table : tables) {
                try (var ps = c.prepareStatement("select t::text from \"" + table + "\" t where strpos(t::text, ?) > 0")) {
                    ps.setString(1, marker);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            hits.add(table + ": " + rs.getString(1));
                        }
                    }
                }
            }
        }
        return hits;
    }
}
