package dev.kb.catalog;

import static dev.kb.testing.Contract.given;

import dev.kb.api.ApiServer;
import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.testing.TestDatabases;
import io.javalin.Javalin;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A kb with its HTTP server on a fresh database, following courses from git repositories the test makes. */
abstract class CatalogTestApp {
    @TempDir
    Path tmp;

    Kb kb;
    Javalin server;

    /** Opens kb with these catalog settings; polling is left to the test (it syncs when it wants to). */
    CatalogService open(GitSettings settings) {
        kb = Kb.open(new Config(0, tmp.resolve("data"), TestDatabases.fresh(TestDatabases.Target.EMBEDDED)));
        server = ApiServer.create(kb).start(0);
        return kb.catalog(settings.withPoll(Duration.ZERO));
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.stop();
        }
        if (kb != null) {
            kb.close();
        }
    }

    JsonPath course(String id) {
        return given(server.port()).get("/api/v1/courses/" + id).then().statusCode(200).extract().jsonPath();
    }
}
