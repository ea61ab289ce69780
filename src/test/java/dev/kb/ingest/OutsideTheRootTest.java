package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * symbolic link to /etc/passwd, a symbolic link loop — and the proof that /etc/passwd's content is in no table
 * and no index afterwards.
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
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(config.luceneDir()))) {
            assertThat(reader.numDocs()).isPositive();
            for (int d = 0; d < reader.maxDoc(); d++) {
                Document doc = reader.storedFields().document(d);
                for (IndexableField f : doc.getFields()) {
                    assertThat(f.stringValue()).as("stored field %s", f.name()).doesNotContain(marker);
                }
            }
        }
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
