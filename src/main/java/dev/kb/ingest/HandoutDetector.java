package dev.kb.ingest;

import dev.kb.common.IndexConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds compiled handouts: documents whose text is mostly other documents' text. A handout contains several
 * other documents (most of each one's text appears in it) and those make up most of its own text. Text is
 * compared as sets of word 8-grams, a quarter of them sampled by hash to keep large courses cheap.
 * Thresholds are data, in {@code index/ranking.properties}.
 */
public final class HandoutDetector {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final int SHINGLE = 8;
    private static final int MIN_SHINGLES = 5;
    /**
     * A shingle in more documents than this is boilerplate (a shared install command, a licence), not a sign that
     * one document compiles others; skipping such shingles also keeps the comparison linear in large courses.
     */
    private static final int MAX_DOCUMENT_FREQUENCY = 64;

    private final int minContained;
    private final double minCovered;
    private final double containedShare;

    public HandoutDetector(int minContained, double minCovered, double containedShare) {
        this.minContained = minContained;
        this.minCovered = minCovered;
        this.containedShare = containedShare;
    }

    public static HandoutDetector configured() {
        Properties p = IndexConfig.properties("ranking.properties");
        return new HandoutDetector((int) IndexConfig.number(p, "handout.min-contained-documents"),
                IndexConfig.number(p, "handout.min-covered-share"), IndexConfig.number(p, "handout.contained-share"));
    }

    /** The ids of the handouts among these documents (id → text). */
    public Set<String> handouts(Map<String, String> texts) {
        List<String> ids = new ArrayList<>(texts.keySet());
        List<Set<Long>> shingles = new ArrayList<>();
        Map<Long, List<Integer>> postings = new HashMap<>();
        for (int d = 0; d < ids.size(); d++) {
            Set<Long> set = shingles(texts.get(ids.get(d)));
            shingles.add(set);
            for (long s : set) {
                postings.computeIfAbsent(s, k -> new ArrayList<>(2)).add(d);
            }
        }
        postings.values().removeIf(containing -> containing.size() > MAX_DOCUMENT_FREQUENCY);
        shingles.forEach(set -> set.removeIf(s -> !postings.containsKey(s)));
        Set<String> handouts = new HashSet<>();
        for (int d = 0; d < ids.size(); d++) {
            if (isHandout(d, shingles, postings)) {
                handouts.add(ids.get(d));
            }
        }
        return handouts;
    }

    private boolean isHandout(int d, List<Set<Long>> shingles, Map<Long, List<Integer>> postings) {
        Set<Long> own = shingles.get(d);
        if (own.size() < MIN_SHINGLES * minContained) {
            return false;
        }
        Map<Integer, Integer> overlap = new HashMap<>();
        for (long s : own) {
            for (int other : postings.get(s)) {
                if (other != d) {
                    overlap.merge(other, 1, Integer::sum);
                }
            }
        }
        List<Integer> contained = new ArrayList<>();
        overlap.forEach((other, shared) -> {
            int size = shingles.get(other).size();
            if (size >= MIN_SHINGLES && shared >= containedShare * size) {
                contained.add(other);
            }
        });
        // Largest first, each must bring text not already covered: a copy of a contained document adds nothing.
        contained.sort((a, b) -> Integer.compare(shingles.get(b).size(), shingles.get(a).size()));
        Set<Long> covered = new HashSet<>();
        int distinct = 0;
        for (int other : contained) {
            int added = 0;
            for (long s : shingles.get(other)) {
                if (own.contains(s) && covered.add(s)) {
                    added++;
                }
            }
            if (added >= containedShare * shingles.get(other).size()) {
                distinct++;
            }
        }
        return distinct >= minContained && covered.size() >= minCovered * own.size();
    }

    /** Hashed word 8-grams, keeping those whose hash is divisible by four. */
    static Set<Long> shingles(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        Set<Long> result = new HashSet<>();
        for (int i = 0; i + SHINGLE <= words.size(); i++) {
            long h = 1125899906842597L;
            for (int j = i; j < i + SHINGLE; j++) {
                h = 31 * h + words.get(j).hashCode();
            }
            h ^= h >>> 29;
            if ((h & 3) == 0) {
                result.add(h);
            }
        }
        return result;
    }
}
