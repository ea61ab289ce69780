package dev.kb.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;

/**
 * The files of {@link SearchIndex} on disk: how its writer lays them out, emptying a directory whose index cannot
 * be used (kb rebuilds it from PostgreSQL), and what they weigh. Kept apart from the index's batches and recovery,
 * which decide when these happen.
 */
final class IndexDirectory {
    private IndexDirectory() {
    }

    /** A writer that appends to the index in {@code directory} and commits only when a batch is published. */
    static IndexWriter writer(Directory directory, Analyzer analyzer) throws IOException {
        return new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // Fewer, larger segments from a rebuild: every query term is looked up once per segment.
                .setRAMBufferSizeMB(64)
                .setCommitOnClose(false));
    }

    /** Deletes every file in {@code directory}. */
    static void empty(Directory directory) throws IOException {
        for (String file : directory.listAll()) {
            directory.deleteFile(file);
        }
    }

    /** Bytes the files in {@code directory} take. */
    static long size(Directory directory) {
        long bytes = 0;
        try {
            for (String file : directory.listAll()) {
                try {
                    bytes += directory.fileLength(file);
                } catch (NoSuchFileException merged) {
                    // Gone between listing and measuring: a merge finished.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the search index", e);
        }
        return bytes;
    }
}
