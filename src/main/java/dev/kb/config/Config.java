package dev.kb.config;

import java.nio.file.Path;

/**
 * Everything kb is told from outside, built once in the CLI (defaults &lt; {@code KB_*} environment &lt; flags)
 * and passed down; no code reads the environment on its own.
 *
 * @param port     HTTP port; 0 picks a free one
 * @param dataDir  where the embedded PostgreSQL and the Lucene index live
 * @param database an external PostgreSQL, or embedded when its url is empty
 */
public record Config(int port, Path dataDir, DatabaseSettings database) {

    public record DatabaseSettings(String url, String user, String password) {
        public static DatabaseSettings embedded() {
            return new DatabaseSettings(null, null, null);
        }

        public boolean isEmbedded() {
            return url == null || url.isBlank();
        }
    }

    public Path luceneDir() {
        return dataDir.resolve("lucene");
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }
}
