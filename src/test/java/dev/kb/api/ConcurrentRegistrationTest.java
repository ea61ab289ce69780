package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two registrations of one course id sent at the same moment: with different directories exactly one is accepted
 * and the other answers 409, never both told "accepted" while only one directory is indexed (or the id silently
 * re-pointed); with the same directory both are accepted.
 */
class ConcurrentRegistrationTest {
    private static final String TOKEN = "race-admin-token-0c7e";
    private static final int PAIRS = 12;

    private record Answer(int status, String location) {
    }

    @Test
    void of_two_registrations_of_one_id_at_once_exactly_one_directory_wins_and_the_other_gets_409(@TempDir Path dir)
            throws Exception {
        Path served = CourseRootsTest.course(dir.resolve("served"), "Served");
        try (TestApp app = TestApp.start(served, TestDatabases.Target.EMBEDDED,
                new Config.HttpSettings(TOKEN, List.of(), List.of(dir)));
             Race race = new Race(2 * PAIRS)) {
            List<Future<Answer>> left = new ArrayList<>();
            List<Future<Answer>> right = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                Path a = CourseRootsTest.course(dir.resolve("left-" + i), "Left " + i);
                Path b = CourseRootsTest.course(dir.resolve("right-" + i), "Right " + i);
                left.add(race.register(app, a, "race-" + i));
                right.add(race.register(app, b, "race-" + i));
            }
            race.go();
            for (int i = 0; i < PAIRS; i++) {
                Answer l = left.get(i).get(60, TimeUnit.SECONDS);
                Answer r = right.get(i).get(60, TimeUnit.SECONDS);
                assertThat(List.of(l.status(), r.status())).as("pair %d", i).containsExactlyInAnyOrder(202, 409);
                Answer winner = l.status() == 202 ? l : r;
                assertThat(CourseRootsTest.awaitJob(app, TOKEN, winner.location())).as("pair %d", i).isEqualTo("succeeded");
                given(app.port()).get("/api/v1/courses/race-" + i).then().statusCode(200)
                        .body("title", equalTo((winner == l ? "Left " : "Right ") + i));
            }
        }
    }

    @Test
    void two_identical_registrations_at_once_are_both_accepted(@TempDir Path dir) throws Exception {
        Path served = CourseRootsTest.course(dir.resolve("served"), "Served");
        try (TestApp app = TestApp.start(served, TestDatabases.Target.EMBEDDED,
                new Config.HttpSettings(TOKEN, List.of(), List.of(dir)));
             Race race = new Race(2 * PAIRS)) {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                Path course = CourseRootsTest.course(dir.resolve("same-" + i), "Same " + i);
                answers.add(race.register(app, course, "same-" + i));
                answers.add(race.register(app, course, "same-" + i));
            }
            race.go();
            for (Future<Answer> answer : answers) {
                Answer a = answer.get(60, TimeUnit.SECONDS);
                assertThat(a.status()).isEqualTo(202);
                assertThat(CourseRootsTest.awaitJob(app, TOKEN, a.location())).isEqualTo("succeeded");
            }
        }
    }

    /** Requests that wait on threads of their own until all are ready, then start together. */
    private static final class Race implements AutoCloseable {
        private final ExecutorService threads;
        private final CountDownLatch ready;
        private final CountDownLatch start = new CountDownLatch(1);

        Race(int requests) {
            threads = Executors.newFixedThreadPool(requests);
            ready = new CountDownLatch(requests);
        }

        Future<Answer> register(TestApp app, Path course, String id) {
            return threads.submit(() -> {
                ready.countDown();
                start.await();
                Response r = given(app.port()).auth().oauth2(TOKEN).contentType(ContentType.JSON)
                        .body(Map.of("path", course.toString(), "id", id)).post("/api/v1/courses");
                return new Answer(r.statusCode(), r.header("Location"));
            });
        }

        void go() throws InterruptedException {
            assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
            start.countDown();
        }

        @Override
        public void close() {
            threads.shutdownNow();
        }
    }
}
