package dev.kb.config;

import dev.kb.common.PublicUrl;
import dev.kb.graph.GraphService;
import dev.kb.ingest.IngestLimits;
import dev.kb.search.SearchIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything kb is told from outside, built once in the CLI (defaults &lt; {@code KB_*} environment &lt; flags)
 * and passed down; no code reads the environment on its own.
 *
 * @param port     HTTP port; 0 picks a free one
 * @param dataDir  where the embedded PostgreSQL and the Lucene index live
 * @param database an external PostgreSQL, or embedded when its url is empty
 * @param http     what the HTTP API allows beyond reading
 * @param limits   bounds on what one request may cost
 * @param ingest   how much of a hostile course file is read and kept
 * @param mcp      how many MCP sessions are kept, and for how long
 * @param jobLease how long a job of this process stays held without a renewal (renewed every third of it); a job
 *                 whose process stopped is failed once it ends
 * @param semantic whether questions are also searched by meaning (an in-process embedding model; passages are
 *                 embedded when indexed); off, kb searches by words alone and embeds nothing
 */
public record Config(int port, Path dataDir, DatabaseSettings database, HttpSettings http, Limits limits,
                     IngestLimits ingest, McpLimits mcp, Duration jobLease, boolean semantic) {
    /** Long enough that a pause of the JVM or a short PostgreSQL outage does not fail a job still running. */
    public static final Duration JOB_LEASE = Duration.ofSeconds(30);

    public Config {
        if (jobLease == null || jobLease.toMillis() < 300) {
            throw new IllegalArgumentException("the job lease must be at least 300 ms");
        }
    }

    public Config(int port, Path dataDir, DatabaseSettings database, HttpSettings http, Limits limits,
                  IngestLimits ingest, McpLimits mcp) {
        this(port, dataDir, database, http, limits, ingest, mcp, JOB_LEASE, true);
    }

    public Config(int port, Path dataDir, DatabaseSettings database, HttpSettings http, Limits limits,
                  IngestLimits ingest) {
        this(port, dataDir, database, http, limits, ingest, McpLimits.DEFAULT);
    }

    public Config(int port, Path dataDir, DatabaseSettings database, HttpSettings http, Limits limits) {
        this(port, dataDir, database, http, limits, IngestLimits.DEFAULT);
    }

    public Config(int port, Path dataDir, DatabaseSettings database, HttpSettings http) {
        this(port, dataDir, database, http, Limits.DEFAULT);
    }

    /** A configuration with the HTTP defaults: no administration, no cross-origin access. */
    public Config(int port, Path dataDir, DatabaseSettings database) {
        this(port, dataDir, database, HttpSettings.DEFAULT);
    }

    /**
     * Bounds on one request's cost that a deployment (or a test) may change; the bounds on parameters are fixed
     * in the services that read them.
     *
     * @param idleTimeout    a connection that sends nothing for this long is closed, mid-request too
     * @param searchTimeout  the time the searches of one request may take together; then it answers 503
     * @param maxGraphTopics topics of one graph, learning-path or prerequisite answer; more answer 422
     * @param maxGraphEdges  edges of one graph answer; more answer 422
     */
    public record Limits(Duration idleTimeout, Duration searchTimeout, int maxGraphTopics, int maxGraphEdges) {
        /** Jetty's own idle timeout made explicit; the others are the services' defaults. */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), SearchIndex.SEARCH_TIMEOUT,
                GraphService.MAX_GRAPH_TOPICS, GraphService.MAX_GRAPH_EDGES);
    }

    /**
     * @param statementTimeout PostgreSQL cancels a statement that runs longer; a connection silent for a quarter
     *                         longer than this is dropped (the driver's socket timeout)
     */
    public record DatabaseSettings(String url, String user, String password, Duration statementTimeout) {
        /** Far beyond any statement kb runs (the largest, on a 100 000-document course, take seconds). */
        public static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(2);

        public DatabaseSettings(String url, String user, String password) {
            this(url, user, password, STATEMENT_TIMEOUT);
        }

        public static DatabaseSettings embedded() {
            return new DatabaseSettings(null, null, null);
        }

        public boolean isEmbedded() {
            return url == null || url.isBlank();
        }
    }

    /**
     * @param adminToken  the bearer token of the admin routes; null or blank turns them off (they are never open)
     * @param corsOrigins origins browsers may call the API from ({@code *} for any); empty: no cross-origin access
     * @param courseRoots the directories the admin routes may register courses from (each with everything below
     *                    it, symbolic links resolved); empty: none
     * @param publicUrl   where clients reach kb, for the absolute URLs it gives; {@link PublicUrl#NONE}: root-relative
     */
    public record HttpSettings(String adminToken, List<String> corsOrigins, List<Path> courseRoots,
                               PublicUrl publicUrl) {
        public static final HttpSettings DEFAULT = new HttpSettings(null, List.of());

        public HttpSettings {
            corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
            courseRoots = courseRoots == null ? List.of() : List.copyOf(courseRoots);
            publicUrl = publicUrl == null ? PublicUrl.NONE : publicUrl;
        }

        /** No directory may be registered; URLs are root-relative. */
        public HttpSettings(String adminToken, List<String> corsOrigins) {
            this(adminToken, corsOrigins, List.of(), PublicUrl.NONE);
        }

        /** URLs are root-relative. */
        public HttpSettings(String adminToken, List<String> corsOrigins, List<Path> courseRoots) {
            this(adminToken, corsOrigins, courseRoots, PublicUrl.NONE);
        }

        /** No directory may be registered. */
        public HttpSettings(String adminToken, List<String> corsOrigins, PublicUrl publicUrl) {
            this(adminToken, corsOrigins, List.of(), publicUrl);
        }

        public boolean adminEnabled() {
            return adminToken != null && !adminToken.isBlank();
        }

        @Override
        public String toString() {
            return "HttpSettings[admin " + (adminEnabled() ? "on" : "off") + ", corsOrigins=" + corsOrigins
                    + ", courseRoots=" + courseRoots + ", publicUrl=" + publicUrl.base() + "]";
        }
    }

    public Config withMcp(McpLimits mcp) {
        return new Config(port, dataDir, database, http, limits, ingest, mcp, jobLease, semantic);
    }

    public Config withJobLease(Duration lease) {
        return new Config(port, dataDir, database, http, limits, ingest, mcp, lease, semantic);
    }

    public Config withSemantic(boolean on) {
        return new Config(port, dataDir, database, http, limits, ingest, mcp, jobLease, on);
    }

    /**
     * MCP sessions: each {@code initialize} creates one that the server keeps, so they are bounded in number, per
     * client and in time. One session is about 700 bytes of heap (20 000 measured 13 MB), so the default total
     * bounds them to under a megabyte; a tenth of it per address leaves a classroom behind one NAT address room
     * for a few agents per trainee while one client alone cannot take the server's share. A client in use sends
     * requests or keeps its stream open (kb pings it), so ten idle minutes mean it has gone.
     *
     * @param maxSessions           sessions at once; one more is refused with 503 and {@code Retry-After}
     * @param maxSessionsPerAddress sessions of one client address (an IPv6 client's /64, which one host usually
     *                              holds whole); one more is refused with 429 and {@code Retry-After}
     * @param sessionIdleTimeout    a session without a request or an open stream for this long is ended
     */
    public record McpLimits(int maxSessions, int maxSessionsPerAddress, Duration sessionIdleTimeout) {
        public static final McpLimits DEFAULT = new McpLimits(1000, 100, Duration.ofMinutes(10));

        public McpLimits {
            if (maxSessions < 1 || maxSessionsPerAddress < 1) {
                throw new IllegalArgumentException("MCP session limits must be at least 1");
            }
            if (sessionIdleTimeout == null || sessionIdleTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("the MCP session idle timeout must be positive");
            }
        }
    }

    public Path luceneDir() {
        return dataDir.resolve("lucene");
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }
}
