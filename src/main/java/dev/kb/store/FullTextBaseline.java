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
}
