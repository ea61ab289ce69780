package dev.kb.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;

/**
 * What each commit of the index records besides its documents: the schema version it was written with and, per
 * course, the index run it reflects. A restart compares the runs with PostgreSQL's to know which courses to index
 * again, and discards an index of another schema version. Kept apart from {@link SearchIndex}, which decides when
 * to commit, because this is the one place that knows how the commit's user data is spelled.
 */
final class CommitData {
    private static final String RUN_PREFIX = "run:";
    private static final String SCHEMA_KEY = "schema";
    /** Bump when fields or analysis change: an index of another version is rebuilt from the database. */
    private static final String SCHEMA_VERSION = "9";

    private CommitData() {
    }

    /** The user data of a commit that reflects {@code runs} (run id per course), in this schema version. */
    static Map<String, String> of(Map<String, Long> runs) {
        Map<String, String> data = new HashMap<>();
        data.put(SCHEMA_KEY, SCHEMA_VERSION);
        runs.forEach((course, run) -> data.put(RUN_PREFIX + course, Long.toString(run)));
        return data;
    }

    /** The run ids per course a commit's user data records. */
    static Map<String, Long> runs(Map<String, String> data) {
        Map<String, Long> runs = new HashMap<>();
        data.forEach((key, value) -> {
            if (key.startsWith(RUN_PREFIX)) {
                runs.put(key.substring(RUN_PREFIX.length()), Long.parseLong(value));
            }
        });
        return runs;
    }

    /** The run of one course a commit's user data records, null when it records none. */
    static Long run(Map<String, String> data, String courseId) {
        String run = data.get(RUN_PREFIX + courseId);
        return run == null ? null : Long.valueOf(run);
    }

    /** {@code committed} with {@code changes} applied: a null run removes its course. */
    static Map<String, Long> with(Map<String, Long> committed, Map<String, Long> changes) {
        Map<String, Long> all = new HashMap<>(committed);
        changes.forEach((course, run) -> {
            if (run == null) {
                all.remove(course);
            } else {
                all.put(course, run);
            }
        });
        return all;
    }

    /** Commits an index that reflects no run yet, in this schema version. */
    static void commitEmpty(IndexWriter writer) throws IOException {
        writer.setLiveCommitData(of(Map.of()).entrySet());
        writer.commit();
    }

    /** Whether the index in {@code directory} is readable and written with the fields and analyses of this version. */
    static boolean current(Directory directory) {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            return SCHEMA_VERSION.equals(reader.getIndexCommit().getUserData().get(SCHEMA_KEY));
        } catch (IOException e) {
            // Corrupt, or of a Lucene format too old or too new: all the same to kb, which rebuilds it.
            return false;
        }
    }
}
