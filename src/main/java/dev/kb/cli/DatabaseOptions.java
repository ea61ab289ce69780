package dev.kb.cli;

import dev.kb.config.Config;
import dev.kb.ingest.IngestLimits;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where kb keeps its data and which PostgreSQL it uses: the options of every command that opens the knowledge base. */
final class DatabaseOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:KB_DATA_DIR:-./data}",
            description = "Where the embedded PostgreSQL and the search index live (env KB_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "JDBC_URL", defaultValue = "${env:KB_DATABASE_URL}",
            description = "An external PostgreSQL instead of the embedded one, e.g. jdbc:postgresql://host:5432/kb "
                    + "(env KB_DATABASE_URL).")
    String databaseUrl;

    @Option(names = "--database-user", paramLabel = "USER", defaultValue = "${env:KB_DATABASE_USER}",
            description = "User for --database-url (env KB_DATABASE_USER).")
    String databaseUser;

    @Option(names = "--database-password", paramLabel = "PASSWORD", defaultValue = "${env:KB_DATABASE_PASSWORD}",
            description = "Password for --database-url (env KB_DATABASE_PASSWORD).")
    String databasePassword;

    @Option(names = "--semantic", paramLabel = "on|off", defaultValue = "${env:KB_SEMANTIC:-on}",
            converter = OnOff.class,
            description = "Search questions by meaning too, with an in-process embedding model that embeds every "
                    + "passage when it is indexed; off searches by words alone (env KB_SEMANTIC, default ${DEFAULT-VALUE}).")
    boolean semantic;

    /** The configuration of a command that serves nothing over HTTP. */
    Config config(IngestLimits ingest) {
        return config(0, Config.HttpSettings.DEFAULT, ingest);
    }

    Config config(int port, Config.HttpSettings http, IngestLimits ingest) {
        return new Config(port, dataDir, new Config.DatabaseSettings(databaseUrl, databaseUser, databasePassword), http,
                Config.Limits.DEFAULT, ingest).withSemantic(semantic);
    }
}
