package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene index is a cache of PostgreSQL: lost or damaged, it comes back from the database alone. */
class SearchIndexRebuildTest {

    @Test
    void a_deleted_or_corrupted_index_is_rebuilt_from_the_database_at_start(@TempDir Path dataDir) throws Exception {
        Config config = new Config(0, dataDir, TestDatabases.fresh(TestDatabases.Target.EMBEDDED));
        Path course = Courses.fixtureCopy(dataDir);
        try (Kb kb = Kb.open(config)) {
            kb.index("fixture", course);
        }
        // The course directory is gone too: only the database can bring the index back.
        Courses.delete(course);
        Courses.delete(config.luceneDir());
        try (Kb kb = Kb.open(config)) {
            assertThat(kb.services().search().search(new SearchService.Request("runAsUser", null, 10, 0)).hits())
                    .first().extracting(SearchHit::path).isEqualTo("security/01-non-root.md");
        }
        try (Stream<Path> files = Files.list(config.luceneDir())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith("segments")) {
                    Files.write(file, new byte[] {1, 2, 3});
                }
            }
        }
        try (Kb kb = Kb.open(config)) {
            assertThat(kb.services().search().search(new SearchService.Request("cap_net_raw", null, 10, 0)).hits())
                    .first().extracting(SearchHit::path).isEqualTo("security/02-capabilities.md");
        }
    }
}
