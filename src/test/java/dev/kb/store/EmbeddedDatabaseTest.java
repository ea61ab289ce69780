package dev.kb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.config.Config;
import dev.kb.db.Database;
import dev.kb.db.DatabaseUnavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @Test
    void embedded_postgres_keeps_its_data_under_the_data_dir_across_restarts(@TempDir Path dataDir) {
        Config config = new Config(0, dataDir, Config.DatabaseSettings.embedded());
        try (Database db = Database.open(config)) {
            new CourseStore(db.dsl()).upsert("kept", "Kept across restarts", "/x", OffsetDateTime.now());
        }
        assertThat(Files.isRegularFile(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
        try (Database db = Database.open(config)) {
            assertThat(new CourseStore(db.dsl()).find("kept")).get().extracting(CourseRow::title)
                    .isEqualTo("Kept across restarts");
        }
    }

    @Test
    void an_unreachable_server_is_one_clear_error(@TempDir Path dataDir) {
        Config config = new Config(0, dataDir,
                new Config.DatabaseSettings("jdbc:postgresql://127.0.0.1:1/kb?connectTimeout=2", "kb", "secret"));
        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(DatabaseUnavailable.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/kb")
                .hasMessageNotContaining("secret");
    }
}
