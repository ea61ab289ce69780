package dev.kb.bench;

import dev.kb.app.Kb;
import dev.kb.catalog.CatalogService;
import dev.kb.catalog.CourseSource;
import dev.kb.catalog.GitSettings;
import dev.kb.catalog.LocalRepositories;
import dev.kb.catalog.SyncResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A catalog of N courses from git, measured: N local bare repositories made from the given courses (round robin),
 * each fetched and indexed cold into a fresh kb (embedded PostgreSQL, empty data directory) as {@code kb serve
 * --catalog} does at its first start, then one push to one course handled as a poll handles it (ls-remote, fetch,
 * the diff, the re-index of that course alone). Wall time, documents per second, heap and disk; and searches
 * over every course against searches in one ({@link CatalogSearches}).
 */
public final class CatalogBenchmark {
    /**
     * @param diskBytes per part of the data directory (git checkouts, PostgreSQL, search index), and the bare
     *                  repositories kb fetched from (the remotes, not kb's)
     */
    public record Figures(int courses, int documents, double coldSeconds, long heapMaxBytes, long heapPeakBytes,
                          long heapAfterGcBytes, Map<String, Long> diskBytes, double pushSeconds, int pushFilesScanned,
                          int pushFilesRead, int pushFilesParsed, CatalogSearches.Times searches) {
        public double documentsPerSecond() {
            return documents / coldSeconds;
        }
    }

    private CatalogBenchmark() {
    }

    public static Figures run(List<Path> sources, int courses, Path work, Consumer<String> log) throws IOException {
        Path repos = work.resolve("repos");
        Directories.delete(repos, false);
        log.accept("making " + courses + " repositories from " + sources.size() + " course(s) in " + repos);
        for (int i = 0; i < courses; i++) {
            Path copy = repos.resolve(id(i));
            Directories.copy(sources.get(i % sources.size()), copy);
            LocalRepositories.create(copy, repos.resolve(id(i) + ".git"));
            if (i > 0) {
                Directories.delete(copy, false); // only the first is pushed to
            }
        }
        Path data = work.resolve("data-catalog");
        try (Kb kb = Benchmark.openFresh(data)) {
            CatalogService catalog = kb.catalog(GitSettings.DEFAULT.withPoll(Duration.ZERO));
            int documents = 0;
            long heapAfterGc;
            double cold;
            long peak;
            try (HeapSampler heap = new HeapSampler(50)) {
                long started = System.nanoTime();
                for (int i = 0; i < courses; i++) {
                    SyncResult r = catalog.add(CourseSource.git(id(i), repos.resolve(id(i) + ".git").toUri()
                            .toString(), "main", null, null));
                    if (r.report() == null) {
                        throw new IllegalStateException(id(i) + " was not indexed: " + r.error());
                    }
                    documents += r.report().filesParsed(); // a cold run parses every markdown document
                    if ((i + 1) % 10 == 0 || i + 1 == courses) {
                        log.accept(String.format(Locale.ROOT, "%d/%d courses fetched and indexed, %.1f s", i + 1,
                                courses, Benchmark.seconds(started)));
                    }
                }
                cold = Benchmark.seconds(started);
                peak = heap.peak();
                List<HeapSampler.Sample> samples = heap.samples();
                heapAfterGc = samples.isEmpty() ? -1 : samples.get(samples.size() - 1).afterGcBytes();
            }
            Map<String, Long> disk = new LinkedHashMap<>();
            disk.put("git checkouts", bytes(data.resolve("git")));
            disk.put("PostgreSQL", bytes(kb.config().postgresDir()));
            disk.put("search index", bytes(kb.config().luceneDir()));
            disk.put("bare repositories (the remotes)", bytes(repos) - bytes(repos.resolve(id(0))));
            CatalogSearches.Times searches = CatalogSearches.run(kb.services().search(), sources, id(courses - 1));
            log.accept(String.format(Locale.ROOT, "%d searches over every course: p50 %.1f ms", searches.queries(),
                    searches.allP50Ms()));

            LocalRepositories.commitAndPush(repos.resolve(id(0)), repos.resolve(id(0) + ".git"), "README.md",
                    Files.readString(repos.resolve(id(0)).resolve("README.md")) + "\n<!-- pushed by kb bench -->\n");
            long started = System.nanoTime();
            SyncResult push = catalog.poll(id(0));
            double pushSeconds = Benchmark.seconds(started);
            if (push.report() == null) {
                throw new IllegalStateException("the push was not indexed: " + push.outcome() + " " + push.error());
            }
            log.accept(String.format(Locale.ROOT, "one push handled in %.2f s (%d file(s) read of %d)", pushSeconds,
                    push.report().filesRead(), push.report().filesScanned()));
            return new Figures(courses, documents, cold, Runtime.getRuntime().maxMemory(), peak, heapAfterGc, disk,
                    pushSeconds, push.report().filesScanned(), push.report().filesRead(),
                    push.report().filesParsed(), searches);
        } finally {
            Directories.delete(data, false);
        }
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "course-%03d", i);
    }

    private static long bytes(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // gone while walking (PostgreSQL's temporary files)
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String markdown(Figures f) {
        StringBuilder md = new StringBuilder();
        md.append("| courses | documents | cold fetch + index s | documents/s | heap max MiB | heap peak MiB | heap after GC MiB | one push handled s | push: files scanned / read / parsed |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        md.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.0f | %d | %d | %d | %.2f | %d / %d / %d |%n",
                f.courses(), f.documents(), f.coldSeconds(), f.documentsPerSecond(), mib(f.heapMaxBytes()),
                mib(f.heapPeakBytes()), mib(f.heapAfterGcBytes()), f.pushSeconds(), f.pushFilesScanned(),
                f.pushFilesRead(), f.pushFilesParsed()));
        md.append("\n| disk | MiB |\n|---|---:|\n");
        f.diskBytes().forEach((part, b) -> md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", part,
                b / 1048576.0)));
        md.append('\n').append(CatalogSearches.markdown(f.searches()));
        return md.toString();
    }

    private static long mib(long bytes) {
        return bytes < 0 ? -1 : bytes / 1048576;
    }
}
