package dev.kb.bench;

import dev.kb.api.ApiServer;
import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.search.SearchService;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * kb as replicas on one PostgreSQL under load: for each replica count, that many kb instances (each its own data
 * directory, search index, connection pool and follower; in this JVM, so they share its cores as replicas on one
 * machine would) serve the {@link RequestMix} behind a round-robin in the load generator, while a trainer's change
 * is indexed through the first replica every few seconds. Measured: throughput and latency of the load, and for every
 * change the delay from the publishing run's commit to the change being searchable on each replica.
 */
public final class ReplicaBench {
    private static final int PATHS = 2_000;
    private static final Duration MAX_WARMUP = Duration.ofSeconds(10);
    /** Between searches for a change on the replicas: fine enough for delays of tens of milliseconds. */
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    public record Settings(Path course, Path work, Config.DatabaseSettings database, List<Integer> replicas,
                           int clients, Duration duration, Duration changeEvery, long seed) {
    }

    /**
     * @param delays per replica (the publishing one first), the milliseconds from each change's commit to its being
     *               searchable there
     */
    public record Run(int replicas, HttpLoad.Result load, int changes, double runMeanMillis, List<List<Double>> delays) {
        public double meanDelay(int replica) {
            return delays.get(replica).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        public double maxDelay(int replica) {
            return delays.get(replica).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    private ReplicaBench() {
    }

    public static List<Run> run(Settings s, Consumer<String> log) throws IOException, InterruptedException {
        Path course = s.work().resolve("course");
        Directories.copy(s.course(), course);
        List<Run> runs = new ArrayList<>();
        for (int n : s.replicas()) {
            runs.add(runWith(n, s, course, log));
        }
        return runs;
    }

    private static Run runWith(int n, Settings s, Path course, Consumer<String> log)
            throws IOException, InterruptedException {
        List<Kb> replicas = new ArrayList<>();
        List<Javalin> servers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Path data = s.work().resolve("replicas-" + n).resolve("r" + i);
                Directories.delete(data, false);
                Kb kb = Kb.open(new Config(0, data, s.database()));
                replicas.add(kb);
                if (i == 0) {
                    kb.index(Benchmark.COURSE, course);
                }
            }
            for (Kb kb : replicas) {
                while (!kb.services().health().ready().ready()) {
                    Thread.sleep(50);
                }
            }
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (Kb kb : replicas) {
                Javalin server = ApiServer.create(kb).start("127.0.0.1", 0);
                servers.add(server);
                addresses.add(new InetSocketAddress("127.0.0.1", server.port()));
            }
            List<String> paths = RequestMix.paths(replicas.get(0), Benchmark.COURSE,
                    QueryMix.from(course, PATHS / 4, s.seed()), PATHS, s.seed());
            Duration sixth = s.duration().dividedBy(6);
            HttpLoad.run(addresses, paths, "", s.clients(), Duration.ZERO,
                    sixth.compareTo(MAX_WARMUP) < 0 ? sixth : MAX_WARMUP, 0, () -> { });
            log.accept(String.format("%d replica(s) ready and warmed up; %d clients for %d s, a change every %d s",
                    n, s.clients(), s.duration().toSeconds(), s.changeEvery().toSeconds()));
            Changes changes = new Changes(replicas, course, Benchmark.changeableFile(course), s.changeEvery());
            HttpLoad.Result load;
            try {
                load = HttpLoad.run(addresses, paths, "", s.clients(), Duration.ZERO, s.duration(), 0, () -> { });
            } finally {
                changes.stop();
            }
            Run run = new Run(n, load, changes.runs.size(), changes.runs.stream().mapToDouble(Double::doubleValue)
                    .average().orElse(Double.NaN), changes.delays);
            log.accept(String.format("%d replica(s): %.0f req/s, p99 %.1f ms, %d failed; %d changes, commit to "
                            + "searchable (mean ms) %s", n, load.throughput(), load.millis(99), load.failures(),
                    run.changes(), IntStream.range(0, n).mapToObj(i -> String.format("%.0f", run.meanDelay(i))).toList()));
            return run;
        } finally {
            servers.forEach(Javalin::stop);
            Collections.reverse(replicas);
            replicas.forEach(Kb::close);
        }
    }

    /**
     * A trainer's saves: every period one file gets a new word, the course is indexed through the first replica, and
     * every replica is searched for the word until it finds it. The commit is when the run reports its search-index
     * phase (the step right after its transaction commits and is announced).
     */
    private static final class Changes {
        final List<Kb> replicas;
        final Path course;
        final Path file;
        final byte[] original;
        final Duration every;
        final List<Double> runs = Collections.synchronizedList(new ArrayList<>());
        final List<List<Double>> delays = new ArrayList<>();
        final Thread thread = new Thread(this::loop, "replica-changes");
        volatile boolean stopping;
        volatile Exception failure;

        Changes(List<Kb> replicas, Path course, Path file, Duration every) throws IOException {
            this.replicas = replicas;
            this.course = course;
            this.file = file;
            this.original = Files.readAllBytes(file);
            this.every = every;
            replicas.forEach(r -> delays.add(Collections.synchronizedList(new ArrayList<>())));
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            try {
                while (!stopping) {
                    // Slept in steps, never interrupted: an interrupt inside a run would close Lucene's files.
                    long due = System.nanoTime() + every.toNanos();
                    while (!stopping && System.nanoTime() < due) {
                        Thread.sleep(20);
                    }
                    if (!stopping) {
                        change();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure = e;
            }
        }

        private void change() throws IOException, InterruptedException {
            String word = "replicated" + Long.toString(System.nanoTime(), 36);
            Files.write(file, (new String(original, StandardCharsets.UTF_8) + "\n\n" + word + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            long[] found = new long[replicas.size()];
            long[] committed = new long[1];
            Thread searcher = new Thread(() -> search(word, found), "replica-change-search");
            searcher.setDaemon(true);
            searcher.start();
            long started = System.nanoTime();
            replicas.get(0).index(Benchmark.COURSE, course, false, (phase, done, total) -> {
                if (phase.equals("search index") && committed[0] == 0) {
                    committed[0] = System.nanoTime();
                }
            });
            searcher.join(Duration.ofMinutes(1).toMillis());
            runs.add((System.nanoTime() - started) / 1e6);
            for (int i = 0; i < found.length; i++) {
                if (found[i] != 0 && committed[0] != 0) {
                    delays.get(i).add(Math.max(0, found[i] - committed[0]) / 1e6);
                }
            }
        }

        /** Searches every replica for the word until each finds it, noting when. */
        private void search(String word, long[] found) {
            SearchService.Request request = new SearchService.Request(word, Benchmark.COURSE, 1, 0);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            int missing = found.length;
            while (missing > 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < found.length; i++) {
                    if (found[i] == 0 && replicas.get(i).services().search().search(request).total() > 0) {
                        found[i] = System.nanoTime();
                        missing--;
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
            }
        }

        void stop() throws IOException, InterruptedException {
            stopping = true;
            thread.join();
            Files.write(file, original);
            if (failure != null) {
                throw new IOException("a change could not be indexed: " + failure.getMessage(), failure);
            }
        }
    }
}
