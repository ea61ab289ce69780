package dev.kb.store;

import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * PostgreSQL's own full-text search over the same documents, as a team would set it up instead of kb:
 * title weighted A, text weighted B, {@code websearch_to_tsquery} and {@code ts_rank_cd}. Used only to measure
 * kb against it, side by side in one run.
 */
public final class FullTextBaseline {
    public static final List<String> CONFIGURATIONS = List.of("english", "german", "simple");

    private final DSLContext dsl;

    public FullTextBaseline(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The words of a text as one PostgreSQL OR query ("a or b or c"), as a team would search an agenda title. */
    public static String anyOf(String text) {
        return String.join(" or ", java.util.Arrays.stream(text.split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isBlank() && !w.equalsIgnoreCase("or")).toList());
    }

    /**
     * Paths of the best {@code limit} documents. {@code topicsOnly} leaves out the agenda, and {@code excluded}
     * names further paths to leave out (compiled handouts), as a careful indexer would.
     */
    public List<String> search(String courseId, String configuration, String query, boolean topicsOnly,
                               Set<String> excluded, int limit) {
        if (!CONFIGURATIONS.contains(configuration)) {
            throw new IllegalArgumentException("unknown text search configuration " + configuration);
        }
        String[] excludedPaths = excluded.toArray(String[]::new);
        return dsl.resultQuery("""
                        select path from (
                          select d.path, ts_rank_cd(v.vector, q.query) as rank
                          from document d
                          cross join websearch_to_tsquery({0}::regconfig, {1}) as q(query)
                          cross join lateral (select setweight(to_tsvector({0}::regconfig, d.title), 'A')
                                                  || setweight(to_tsvector({0}::regconfig, d.markdown), 'B')) as v(vector)
                          where d.course_id = {2} and ({3} = false or d.kind = 'topic')
                            and not (d.path = any({4})) and v.vector @@ q.query
                        ) ranked order by rank desc, path limit {5}""",
                        org.jooq.impl.DSL.val(configuration), org.jooq.impl.DSL.val(query),
                        org.jooq.impl.DSL.val(courseId), org.jooq.impl.DSL.val(topicsOnly),
                        org.jooq.impl.DSL.val(excludedPaths), org.jooq.impl.DSL.val(limit))
                .fetch(r -> r.get(0, String.class));
    }

    /** A hit of {@link #searchTable}: the document and, when asked for, PostgreSQL's highlighted excerpt. */
    public record TableHit(String path, String title, double rank, String headline) {
    }

    /**
     * Builds the baseline as a team would deploy it: a table {@code bench.fts} of the course's topics with a stored,
     * weighted {@code tsvector} (title A, text B, English) and a GIN index on it. Returns the rows loaded.
     */
    public int buildSearchTable(String courseId) {
        dsl.execute("create schema if not exists bench");
        dsl.execute("drop table if exists bench.fts");
        dsl.execute("create table bench.fts (path varchar not null, title text not null, body text not null, "
                + "vector tsvector not null)");
        int rows = dsl.execute("""
                insert into bench.fts
                select path, title, markdown,
                       setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', markdown), 'B')
                from document where course_id = {0} and kind = 'topic'""", org.jooq.impl.DSL.val(courseId));
        dsl.execute("create index fts_vector on bench.fts using gin (vector)");
        dsl.execute("analyze bench.fts");
        return rows;
    }

    /** The best {@code limit} rows of {@code bench.fts}: {@code websearch_to_tsquery}, {@code ts_rank_cd}. */
    public List<TableHit> searchTable(String query, int limit, boolean headlines) {
        String headline = headlines
                ? "ts_headline('english', body, query, 'MaxFragments=1, MinWords=10, MaxWords=30')" : "null";
        return dsl.resultQuery("select path, title, rank, " + headline + """
                         from (select path, title, body, query, ts_rank_cd(vector, query) as rank
                               from bench.fts, websearch_to_tsquery('english', {0}) as query
                               where vector @@ query order by rank desc limit {1}) best
                        order by rank desc""", org.jooq.impl.DSL.val(query), org.jooq.impl.DSL.val(limit))
                .fetch(r -> new TableHit(r.get(0, String.class), r.get(1, String.class), r.get(2, Double.class),
                        r.get(3, String.class)));
    }
}
