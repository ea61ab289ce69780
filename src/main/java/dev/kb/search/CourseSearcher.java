package dev.kb.search;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;

/**
 * A searcher whose BM25 statistics are fair to courses of different sizes (one index holds every course, and
 * Lucene's statistics pool them, so a large course decides how rare a word is and how long a text is for all).
 *
 * <p>Searching <b>one course</b>, it ranks by that course's statistics alone: as if it were the only course in the
 * index, so adding, growing or removing another course changes nothing in its ranking.
 *
 * <p>Searching <b>every course</b>, it ranks by the statistics of the same catalog with every course equally large:
 * a word's document frequency is the mean over the courses of the share of their documents that have it (times
 * the documents of all), and a field's mean length the mean of the courses' mean lengths. Every course then counts
 * alike, whatever its size, and a document scores the same in whichever course it sits (a shared scale keeps scores
 * comparable across courses, which scores computed per course would not be). With courses of one size these are
 * exactly Lucene's statistics. Chosen over normalising each course's scores by its best hit, which would rank a
 * course's passing mention of a word as high as another course's lesson on it.
 *
 * <p>One course (or none) in the index: Lucene's own statistics, which are then the same thing, at no cost.
 */
final class CourseSearcher extends IndexSearcher {
    private final CourseStatistics statistics;
    /** The course searched, or null for every course. */
    private final String course;
    private final boolean pooled;
    /** The courses of the catalog now (with a document not deleted): those the fair mix averages over. */
    private final Set<String> courses;
    /** Per request: the topic, section and coverage queries ask for the same fields and terms. */
    private final Map<String, CourseStatistics.FieldCounts> fields = new ConcurrentHashMap<>();

    CourseSearcher(IndexReader reader, CourseStatistics statistics, String course) throws IOException {
        super(reader);
        this.statistics = statistics;
        this.course = course;
        this.pooled = statistics.singleCourse(reader);
        this.courses = pooled ? Set.of() : statistics.courses(reader);
    }

    @Override
    public CollectionStatistics collectionStatistics(String field) throws IOException {
        CollectionStatistics lucene = super.collectionStatistics(field);
        if (pooled || lucene == null) {
            return lucene;
        }
        CourseStatistics.FieldCounts counts = counts(field);
        long docs;
        double length;
        if (course != null) {
            docs = counts.docs().getOrDefault(course, 0L);
            length = counts.length().getOrDefault(course, 0L);
        } else {
            docs = 0;
            double meanLengths = 0;
            int having = 0;
            for (Map.Entry<String, Long> e : counts.docs().entrySet()) {
                if (e.getValue() > 0 && courses.contains(e.getKey())) {
                    docs += e.getValue();
                    meanLengths += (double) counts.length().get(e.getKey()) / e.getValue();
                    having++;
                }
            }
            length = having == 0 ? 0 : meanLengths / having * docs;
        }
        // A course without the field matches nothing in it; Lucene still wants statistics it accepts.
        docs = Math.max(1, docs);
        long total = Math.max(docs, Math.round(length));
        long sumDocFreq = Math.min(total, Math.max(docs, lucene.sumDocFreq()));
        return new CollectionStatistics(field, Math.max(docs, lucene.maxDoc()), docs, total, sumDocFreq);
    }

    @Override
    public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
        if (pooled) {
            return super.termStatistics(term, docFreq, totalTermFreq);
        }
        Map<String, Long> perCourse = statistics.docFreq(getIndexReader(), term);
        long df;
        if (course != null) {
            df = perCourse.getOrDefault(course, 0L);
        } else {
            CourseStatistics.FieldCounts counts = counts(term.field());
            double share = 0;
            long docs = 0;
            int having = 0;
            for (Map.Entry<String, Long> e : counts.docs().entrySet()) {
                if (e.getValue() > 0 && courses.contains(e.getKey())) {
                    share += (double) perCourse.getOrDefault(e.getKey(), 0L) / e.getValue();
                    docs += e.getValue();
                    having++;
                }
            }
            df = having == 0 ? 0 : Math.round(share / having * docs);
        }
        // The term is in the index (Lucene asks only then), if not in this course: it matches nothing here.
        df = Math.max(1, df);
        return new TermStatistics(term.bytes(), df, Math.max(df, totalTermFreq));
    }

    /**
     * Documents with the term (in the searched course, or as the fair mix of every course): what BM25's rarity
     * counts, for ranking decisions outside Lucene's scoring (see {@link Coverage#rarity}).
     */
    static long docFreq(IndexSearcher searcher, Term term) throws IOException {
        int lucene = searcher.getIndexReader().docFreq(term);
        return lucene == 0 ? 0 : searcher.termStatistics(term, lucene, lucene).docFreq();
    }

    /** Documents with the field, likewise. */
    static long docCount(IndexSearcher searcher, String field) throws IOException {
        CollectionStatistics stats = searcher.collectionStatistics(field);
        return stats == null ? 0 : stats.docCount();
    }

    private CourseStatistics.FieldCounts counts(String field) throws IOException {
        CourseStatistics.FieldCounts counts = fields.get(field);
        if (counts == null) {
            counts = statistics.field(getIndexReader(), field);
            fields.put(field, counts);
        }
        return counts;
    }
}
