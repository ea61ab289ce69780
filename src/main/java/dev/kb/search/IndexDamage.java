package dev.kb.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;

/**
 * What is missing of an index on disk that kb has open: the directory (deleted while serving), the writer's lock
 * file, the last commit, or a writer that still works. Searches do not notice (a reader keeps its files open); the
 * next commit would fail, and every one after it.
 */
final class IndexDamage {
    private IndexDamage() {
    }

    /**
     * @param writer the index's writer, or null to judge the files alone
     * @return null when the index is whole, else what was lost, in words that name no server path
     */
    static String of(Path dir, IndexWriter writer) {
        if (writer != null && (!writer.isOpen() || writer.getTragicException() != null)) {
            return "its writer failed";
        }
        if (!Files.isDirectory(dir)) {
            return "its directory " + dir.getFileName() + " was removed";
        }
        try (Stream<Path> files = Files.list(dir)) {
            String[] names = files.map(f -> f.getFileName().toString()).toArray(String[]::new);
            if (writer != null && !List.of(names).contains(IndexWriter.WRITE_LOCK_NAME)) {
                return "its lock file was removed";
            }
            if (SegmentInfos.getLastCommitGeneration(names) < 0) {
                return "its last commit was removed";
            }
            return null;
        } catch (IOException e) {
            return "its directory cannot be read";
        }
    }
}
