package dev.kb.catalog;

import static dev.kb.testing.Contract.given;

import dev.kb.api.ApiServer;
import dev.kb.app.Job;
import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.testing.TestDatabases;
import io.javalin.Javalin;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A kb with its HTTP server on a fresh database, following courses from git repositories the test makes. */
abstract class CatalogTestApp {
    static final String ADMIN_TOKEN = "catalog-admin-token";

    @TempDir
    Path tmp;

    Kb kb;
    Javalin server;
    private Config config;
    private GitSettings settings;

    /** Opens kb with these catalog settings; polling is left to the test (it syncs when it wants to). */
    CatalogService open(GitSettings settings) {
        return open(settings, Config.HttpSettings.DEFAULT);
    }

    /** Opens kb with the admin routes on ({@link #ADMIN_TOKEN}), allowing courses (and file:// URLs) under tmp. */
    CatalogService openWithAdmin(GitSettings settings) {
        return open(settings, new Config.HttpSettings(ADMIN_TOKEN, List.of(), List.of(tmp)));
    }

    private CatalogService open(GitSettings settings, Config.HttpSettings http) {
        this.config = new Config(0, tmp.resolve("data"), TestDatabases.fresh(TestDatabases.Target.EMBEDDED), http);
        this.settings = settings.withPoll(Duration.ZERO);
        return start();
    }

    /** Stops kb and starts it again on the same database and data directory, as a restart of the server does. */
    CatalogService restart() {
        close();
        return start();
    }

    /** {@link #restart()} with other catalog settings (polling still left to the test). */
    CatalogService restartWith(GitSettings other) {
        this.settings = other.withPoll(Duration.ZERO);
        return restart();
    }

    private CatalogService start() {
        kb = Kb.open(config);
        server = ApiServer.create(kb).start(0);
        return kb.catalog(settings);
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (kb != null) {
            kb.close();
            kb = null;
        }
    }

    JsonPath course(String id) {
        return given(server.port()).get("/api/v1/courses/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The job once it finished (or as it is after a minute, for the assertion to show). */
    Job awaitJob(String id) throws InterruptedException {
        return awaitJob(kb, id);
    }

    /** A job of any kb once it finished (or as it is after a minute, for the assertion to show). */
    static Job awaitJob(Kb kb, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Job job = kb.jobs().get(id);
        while (job.finishedAt() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = kb.jobs().get(id);
        }
        return job;
    }
}
