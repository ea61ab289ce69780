package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.hamcrest.Matchers.equalTo;

import dev.kb.common.ComputeSlots;
import dev.kb.ingest.IndexProgress;
import dev.kb.model.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Coverage reports being computed take one of a few shared slots: with every slot taken, a report that needs
 * computing waits its turn for a moment and is then refused with 503, the bound's name and Retry-After, while a
 * stored report, searches and graphs go on answering. The slots are taken here by computations that block until
 * the test lets them go. (Waiting for a slot: ComputeSlotsTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageComputeBoundTest {
    private static final String COURSE = "fixture-course";
    private Path dir;
    private Path course;
    private TestApp app;
    private final List<Thread> holders = new ArrayList<>();
    private CountDownLatch release;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kb-slots-");
        course = Courses.fixtureCopy(dir);
        app = TestApp.start(course, TestDatabases.Target.EMBEDDED);
    }

    @AfterAll
    void stop() {
        app.close();
        Courses.delete(dir);
    }

    @AfterEach
    void letGo() throws InterruptedException {
        if (release != null) {
            release.countDown();
        }
        for (Thread t : holders) {
            t.join();
        }
        holders.clear();
    }

    @Test
    void with_every_slot_taken_a_report_to_compute_is_refused_with_503_and_retry_after() throws Exception {
        given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(200); // computed, stored
        ComputeSlots slots = takeAllSlots();

        // A stored report needs no slot; nor do searches and graphs.
        given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(200);
        given(app.port()).queryParam("q", "runAsNonRoot").get("/api/v1/search").then().statusCode(200);
        given(app.port()).get("/api/v1/courses/" + COURSE + "/graph").then().statusCode(200);
        given(app.port()).get("/api/v1/topics/" + TopicIds.of(COURSE, "security/01-non-root.md") + "/learning-path")
                .then().statusCode(200);
        // A re-index makes the next report a computation: refused until a slot is free.
        app.kb().index(COURSE, course, true, IndexProgress.NONE);
        given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(503)
                .header("Retry-After", "2").contentType("application/problem+json")
                .body("type", equalTo("/problems/limit-exceeded"))
                .body("limit", equalTo("max-concurrent-computations")).body("max", equalTo(slots.slots()));

        release.countDown();
        given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(200);
    }

    /** Takes every slot with a computation that holds it until {@link #release} opens. */
    private ComputeSlots takeAllSlots() throws InterruptedException {
        ComputeSlots slots = app.kb().computeSlots();
        release = new CountDownLatch(1);
        CountDownLatch taken = new CountDownLatch(slots.slots());
        for (int i = 0; i < slots.slots(); i++) {
            Thread t = new Thread(() -> slots.run(() -> {
                taken.countDown();
                try {
                    return release.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
            t.start();
            holders.add(t);
        }
        taken.await();
        return slots;
    }
}
