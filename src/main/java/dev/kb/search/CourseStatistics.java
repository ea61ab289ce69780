package dev.kb.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The term statistics BM25 ranks by (documents with a field, their total length, documents with a term), counted
 * per course. Lucene counts them over the whole index, where a large course outweighs the others; {@link
 * CourseSearcher} combines these so that each course counts alike. Counted like Lucene counts its own (deleted
 * documents included until a merge drops them), so one course alone gets exactly Lucene's figures. A segment's
 * counts per field are computed the first time a search needs them and kept for the segment's life (segments never
 * change); a term's are read from its postings when a search asks.
 */
final class CourseStatistics {
    /** Per segment core: a deletion changes no count (Lucene's do not change either). */
    private final Map<IndexReader.CacheKey, Segment> segments = new ConcurrentHashMap<>();
    private final Map<IndexReader.CacheKey, Set<String>> live = new ConcurrentHashMap<>();

    /** A field's documents and their total length, per course. */
    record FieldCounts(Map<String, Long> docs, Map<String, Long> length) {
    }

    /**
     * The courses with a document that is not deleted: a course just deleted keeps its documents in the counts until
     * a merge drops them, but must not count as a course of the catalog any more.
     */
    Set<String> courses(IndexReader reader) throws IOException {
        Set<String> courses = new HashSet<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            courses.addAll(live(leaf.reader()));
        }
        return courses;
    }

    /**
     * Whether the index holds documents of one course at most, deleted ones included: Lucene's own statistics are
     * then that course's.
     */
    boolean singleCourse(IndexReader reader) throws IOException {
        String only = null;
        for (LeafReaderContext leaf : reader.leaves()) {
            for (String c : segment(leaf.reader()).courses) {
                if (only != null && !only.equals(c)) {
                    return false;
                }
                only = c;
            }
        }
        return true;
    }

    /** Per segment and its deletions (a deletion gives the segment a new reader key). */
    private Set<String> live(LeafReader reader) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        Set<String> cached = helper == null ? null : live.get(helper.getKey());
        if (cached != null) {
            return cached;
        }
        Segment s = segment(reader);
        Bits liveDocs = reader.getLiveDocs();
        Set<String> courses = new HashSet<>();
        for (int d = 0; d < s.courseOf.length && courses.size() < s.courses.length; d++) {
            if (s.courseOf[d] >= 0 && (liveDocs == null || liveDocs.get(d))) {
                courses.add(s.courses[s.courseOf[d]]);
            }
        }
        Set<String> result = Set.copyOf(courses);
        if (helper != null && live.putIfAbsent(helper.getKey(), result) == null) {
            helper.addClosedListener(live::remove);
        }
        return result;
    }

    /**
     * Counts these fields of every segment not counted yet (once an index holds more than one course), so that no
     * search waits for it.
     */
    void count(IndexReader reader, List<String> fields) throws IOException {
        if (singleCourse(reader)) {
            return;
        }
        for (LeafReaderContext leaf : reader.leaves()) {
            Segment s = segment(leaf.reader());
            for (String field : fields) {
                s.field(leaf.reader(), field);
            }
        }
    }

    FieldCounts field(IndexReader reader, String field) throws IOException {
        Map<String, Long> docs = new HashMap<>();
        Map<String, Long> length = new HashMap<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            Segment s = segment(leaf.reader());
            long[][] counts = s.field(leaf.reader(), field);
            for (int c = 0; c < s.courses.length; c++) {
                docs.merge(s.courses[c], counts[0][c], Long::sum);
                length.merge(s.courses[c], counts[1][c], Long::sum);
            }
        }
        return new FieldCounts(docs, length);
    }

    /** Documents with the term, per course. */
    Map<String, Long> docFreq(IndexReader reader, Term term) throws IOException {
        Map<String, Long> df = new HashMap<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            Segment s = segment(leaf.reader());
            long[] counts = new long[s.courses.length];
            Terms terms = leaf.reader().terms(term.field());
            TermsEnum te = terms == null ? null : terms.iterator();
            if (te != null && te.seekExact(term.bytes())) {
                s.countDocs(te.postings(null, PostingsEnum.NONE), counts);
            }
            for (int c = 0; c < s.courses.length; c++) {
                df.merge(s.courses[c], counts[c], Long::sum);
            }
        }
        return df;
    }

    private Segment segment(LeafReader reader) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return new Segment(reader);
        }
        Segment s = segments.get(helper.getKey());
        if (s == null) {
            s = new Segment(reader);
            if (segments.putIfAbsent(helper.getKey(), s) == null) {
                helper.addClosedListener(segments::remove);
            }
        }
        return s;
    }

    /** One segment: the course of each document, and the counts of the fields searched so far. */
    private static final class Segment {
        private final String[] courses;
        /** Index into {@link #courses} by document, -1 for a document without a course. */
        private final int[] courseOf;
        private final Map<String, long[][]> fields = new ConcurrentHashMap<>();

        Segment(LeafReader reader) throws IOException {
            courseOf = new int[reader.maxDoc()];
            Arrays.fill(courseOf, -1);
            List<String> names = new ArrayList<>();
            Terms terms = reader.terms(IndexFields.COURSE);
            if (terms != null) {
                TermsEnum te = terms.iterator();
                PostingsEnum postings = null;
                for (BytesRef t = te.next(); t != null; t = te.next()) {
                    postings = te.postings(postings, PostingsEnum.NONE);
                    for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                        courseOf[d] = names.size();
                    }
                    names.add(t.utf8ToString());
                }
            }
            courses = names.toArray(new String[0]);
        }

        /**
         * Documents with the field and their total length (the sum of their term frequencies, as Lucene's
         * sumTotalTermFreq; a field without frequencies counts one per term), per course.
         */
        long[][] field(LeafReader reader, String field) {
            return fields.computeIfAbsent(field, f -> {
                long[] docs = new long[courses.length];
                long[] length = new long[courses.length];
                try {
                    Terms terms = reader.terms(f);
                    if (terms != null) {
                        FixedBitSet seen = new FixedBitSet(reader.maxDoc());
                        boolean freqs = terms.hasFreqs();
                        TermsEnum te = terms.iterator();
                        PostingsEnum postings = null;
                        while (te.next() != null) {
                            postings = te.postings(postings, freqs ? PostingsEnum.FREQS : PostingsEnum.NONE);
                            for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                                seen.set(d);
                                if (courseOf[d] >= 0) {
                                    length[courseOf[d]] += freqs ? postings.freq() : 1;
                                }
                            }
                        }
                        for (int d = 0; d < courseOf.length; d++) {
                            if (courseOf[d] >= 0 && seen.get(d)) {
                                docs[courseOf[d]]++;
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("search index read failed", e);
                }
                return new long[][] {docs, length};
            });
        }

        /** Adds each document of the postings to its course's count. */
        void countDocs(PostingsEnum postings, long[] counts) throws IOException {
            for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                if (courseOf[d] >= 0) {
                    counts[courseOf[d]]++;
                }
            }
        }
    }
}
