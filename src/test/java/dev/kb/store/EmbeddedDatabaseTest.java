package dev.kb.store;

import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.common.DatabaseUnavailable;
import dev.kb.config.Config;
import dev.kb.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
    void the_embedded_postgres_needs_its_own_password_listens_on_loopback_and_keeps_its_socket_inside(
            @TempDir Path dataDir) throws Exception {
        try (Database db = Database.open(new Config(0, dataDir, Config.DatabaseSettings.embedded()))) {
            String url = "jdbc:postgresql://localhost:" + show(db, "port") + "/postgres?user=postgres";
            Path passwordFile = dataDir.resolve("postgres.password");
            assertThat(Files.getPosixFilePermissions(passwordFile)).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
            String password = Files.readString(passwordFile).strip();

            assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url + "&password=not-the-password").close())
                    .hasMessageContaining("password authentication failed");
            try (Connection ok = DriverManager.getConnection(url + "&password=" + password)) {
                assertThat(ok.isValid(5)).isTrue();
            }
            assertThat(show(db, "listen_addresses")).isEqualTo("localhost");
            assertThat(show(db, "unix_socket_directories")).isEqualTo(dataDir.resolve("postgres").toString());
            assertThat(dataDir.resolve("postgres/.s.PGSQL." + show(db, "port"))).exists();
            // A run kb has reported (and the search index shows) must outlive the server dying right after it.
            assertThat(show(db, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void a_data_directory_made_without_a_password_needs_one_from_its_next_start(@TempDir Path dataDir)
            throws Exception {
        // As kb made it before: zonky's defaults, every local connection trusted.
        try (EmbeddedPostgres before = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start();
             Connection c = DriverManager.getConnection(before.getJdbcUrl("postgres", "postgres"))) {
            c.createStatement().execute("create schema old; create table old.kept (word text); "
                    + "insert into old.kept values ('still here')");
        }
        try (Database db = Database.open(new Config(0, dataDir, Config.DatabaseSettings.embedded()))) {
            String url = "jdbc:postgresql://localhost:" + show(db, "port") + "/postgres?user=postgres";
            assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
            assertThat(db.dsl().fetchValue("select word from old.kept")).isEqualTo("still here");
            assertThat(dataDir.resolve("postgres.password")).exists();
        }
        // And the next start finds it so.
        try (Database db = Database.open(new Config(0, dataDir, Config.DatabaseSettings.embedded()))) {
            String url = "jdbc:postgresql://localhost:" + show(db, "port") + "/postgres?user=postgres";
            assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void a_start_that_fails_names_the_cause_postgres_logged(@TempDir Path dataDir) throws Exception {
        // A data directory left half made: files in it, no cluster. initdb refuses it and says why in its log.
        Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(dataDir.resolve("postgres/left-over"), "x");
        assertThatThrownBy(() -> Database.open(new Config(0, dataDir, Config.DatabaseSettings.embedded())))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessageContaining("exists but is not empty")
                .hasMessageNotContaining("another kb")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_server_that_exits_while_starting_is_reported_with_the_reason_it_logged(@TempDir Path dataDir)
            throws Exception {
        Config config = new Config(0, dataDir, Config.DatabaseSettings.embedded());
        Database.open(config).close();
        // PostgreSQL refuses a data directory others may read, and says so in its log as it exits.
        Files.setPosixFilePermissions(dataDir.resolve("postgres"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(DatabaseUnavailable.class)
                .hasMessageContaining("has invalid permissions")
                .hasMessageNotContaining("another kb")
                .hasMessageNotContaining("\n");
    }

    @Test
    void an_unreachable_server_is_one_clear_error(@TempDir Path dataDir) {
        Config config = new Config(0, dataDir,
                new Config.DatabaseSettings("jdbc:postgresql://127.0.0.1:1/kb?connectTimeout=2", "kb", "secret"));
        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(DatabaseUnavailable.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/kb")
                .hasMessageNotContaining("secret");
    }

    private static String show(Database db, String setting) {
        return db.dsl().fetchValue("show " + setting).toString();
    }
}
