package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kb.common.ComputeSlots;
import dev.kb.store.TopicIds;
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
 * Expensive answers (coverage being computed, graphs, learning paths, prerequisites, conflicts) take one of a few
 * shared slots: with every slot taken, one waits its turn for a moment and is then refused with 503, the bound's
 * name and Retry-After, while searches and stored coverage reports go on answering. The slots are taken here by
 * computations that block until the test lets them go. (Waiting for a slot: ComputeSlotsTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpensiveAnswersBoundTest {
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
    void with_every_slot_taken_expensive_answers_are_refused_with_503_and_retry_after() throws Exception {
        given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(200); // computed, stored
        ComputeSlots slots = takeAllSlots();

        String topic = TopicIds.of(COURSE, "security/01-non-root.md");
        for (String path : List.of("/api/v1/courses/" + COURSE + "/graph", "/api/v1/courses/" + COURSE + "/graph/conflicts",
                "/api/v1/topics/" + topic + "/prerequisites", "/api/v1/topics/" + topic + "/learning-path",
                "/api/v1/courses/" + COURSE + "/learning-path?goals=" + topic)) {
            given(app.port()).get(path).then().statusCode(503).header("Retry-After", "2")
                    .contentType("application/problem+json").body("type", equalTo("/problems/limit-exceeded"))
                    .body("limit", equalTo("max-concurrent-computations")).body("max", equalTo(slots.slots()));
        }
        // Search needs no slot, nor does a coverage report computed before.
        given(app.port()).queryParam("q", "runAsNonRoot").get("/api/v1/search").then().statusCode(200);
        given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(200);
        // A re-index makes the next report a computation: refused too, until a slot is free.
        app.kb().index(COURSE, course, true, dev.kb.ingest.IndexProgress.NONE);
        given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(503)
                .body("limit", equalTo("max-concurrent-computations"));

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
