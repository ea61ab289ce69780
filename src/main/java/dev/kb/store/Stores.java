package dev.kb.store;

import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * kb's stores over one database, built once by the wiring and handed to the services, which hold stores and never
 * a {@link DSLContext}: SQL and transactions stay in this package.
 */
public final class Stores {
    private final DSLContext dsl;
    private final CourseStore courses;
    private final DocumentStore documents;
    private final AgendaStore agenda;
    private final RunStore runs;
    private final GraphStore graph;
    private final ReferenceStore references;
    private final CoverageStore coverage;
    private final SourceStore sources;
    private final EmbeddingStore embeddings;
    private final JobStore jobs;
    private final DeliveryStore deliveries;

    public Stores(DSLContext dsl) {
        this.dsl = dsl;
        this.courses = new CourseStore(dsl);
        this.documents = new DocumentStore(dsl);
        this.agenda = new AgendaStore(dsl);
        this.runs = new RunStore(dsl);
        this.graph = new GraphStore(dsl);
        this.references = new ReferenceStore(dsl);
        this.coverage = new CoverageStore(dsl);
        this.sources = new SourceStore(dsl);
        this.embeddings = new EmbeddingStore(dsl);
        this.jobs = new JobStore(dsl);
        this.deliveries = new DeliveryStore(dsl);
    }

    public CourseStore courses() {
        return courses;
    }

    public DocumentStore documents() {
        return documents;
    }

    public AgendaStore agenda() {
        return agenda;
    }

    public RunStore runs() {
        return runs;
    }

    public GraphStore graph() {
        return graph;
    }

    public ReferenceStore references() {
        return references;
    }

    public EmbeddingStore embeddings() {
        return embeddings;
    }

    public CoverageStore coverage() {
        return coverage;
    }

    public SourceStore sources() {
        return sources;
    }

    public JobStore jobs() {
        return jobs;
    }

    public DeliveryStore deliveries() {
        return deliveries;
    }

    /** PostgreSQL's own full-text search over the same documents, for side-by-side evaluation. */
    public FullTextBaseline baseline() {
        return new FullTextBaseline(dsl);
    }

    /** One index run per course at a time, across every process on the database. */
    public CourseLocks courseLocks() {
        return new CourseLocks(dsl);
    }

    /** Publishes index runs: the one place a run's writes become visible together. */
    public RunPublisher publisher() {
        return new RunPublisher(dsl);
    }

    /**
     * Reads through stores that all see one snapshot (one transaction), for an answer assembled from several
     * reads that must agree with each other while an index run commits.
     */
    public <T> T snapshot(Function<Stores, T> read) {
        return dsl.transactionResult(cfg -> read.apply(new Stores(cfg.dsl())));
    }
}
