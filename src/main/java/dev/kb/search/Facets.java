package dev.kb.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** Counts, per facet field, how many matching topics (and external pages) have each value (from the fields' doc values). */
public final class Facets {
    /** API name → index field. */
    static final Map<String, String> DIMENSIONS = dimensions();

    public record Count(String value, int count) {
    }

    private Facets() {
    }

    private static Map<String, String> dimensions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("course", IndexFields.COURSE);
        d.put("module", IndexFields.MODULE);
        d.put("inAgenda", IndexFields.IN_AGENDA);
        d.put("language", IndexFields.LANGUAGE);
        d.put("kind", IndexFields.KIND);
        d.put("external", IndexFields.EXTERNAL);
        return d;
    }

    /** Collects counts alongside another collector (see {@code MultiCollectorManager}). */
    static CollectorManager<?, Map<String, Map<String, Integer>>> manager() {
        return new Manager();
    }

    /** Field → value → count, as collected, turned into the API's dimension → counts, largest first. */
    static Map<String, List<Count>> counts(Map<String, Map<String, Integer>> totals) {
        Map<String, List<Count>> result = new LinkedHashMap<>();
        DIMENSIONS.forEach((name, field) -> {
            List<Count> counts = new ArrayList<>();
            totals.getOrDefault(field, Map.of()).forEach((value, n) -> counts.add(new Count(value, n)));
            counts.sort(Comparator.comparingInt(Count::count).reversed().thenComparing(Count::value));
            result.put(name, List.copyOf(counts));
        });
        return result;
    }

    private static final class Manager implements CollectorManager<Counter, Map<String, Map<String, Integer>>> {
        @Override
        public Counter newCollector() {
            return new Counter();
        }

        @Override
        public Map<String, Map<String, Integer>> reduce(Collection<Counter> counters) throws IOException {
            Map<String, Map<String, Integer>> totals = new HashMap<>();
            for (Counter c : counters) {
                c.addTo(totals);
            }
            return totals;
        }
    }

    /** Counts ordinals per segment; turns them into values once, at the end. */
    private static final class Counter extends SimpleCollector {
        private record Leaf(String field, SortedSetDocValues values, int[] counts) {
        }

        private final List<Leaf> leaves = new ArrayList<>();
        private List<Leaf> current = List.of();

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            current = new ArrayList<>();
            for (String field : DIMENSIONS.values()) {
                // lookupOrd is random access: the same instance serves counting now and naming values later.
                SortedSetDocValues values = DocValues.getSortedSet(context.reader(), field);
                current.add(new Leaf(field, values, new int[(int) Math.min(Integer.MAX_VALUE, values.getValueCount())]));
            }
            leaves.addAll(current);
        }

        @Override
        public void collect(int doc) throws IOException {
            for (Leaf leaf : current) {
                if (leaf.values().advanceExact(doc)) {
                    for (int i = 0; i < leaf.values().docValueCount(); i++) {
                        leaf.counts()[(int) leaf.values().nextOrd()]++;
                    }
                }
            }
        }

        void addTo(Map<String, Map<String, Integer>> totals) throws IOException {
            for (Leaf leaf : leaves) {
                for (int ord = 0; ord < leaf.counts().length; ord++) {
                    if (leaf.counts()[ord] > 0) {
                        totals.computeIfAbsent(leaf.field(), k -> new HashMap<>())
                                .merge(leaf.values().lookupOrd(ord).utf8ToString(), leaf.counts()[ord], Integer::sum);
                    }
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
