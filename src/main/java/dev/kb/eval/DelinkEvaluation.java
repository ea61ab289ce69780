package dev.kb.eval;

import dev.kb.app.Kb;
import dev.kb.course.AgendaView;
import dev.kb.search.GapSuggester;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A gap test that needs no judge: copy the course, turn N randomly chosen agenda items that link a markdown
 * document into plain text ({@code * [Title](/dir/doc.md)} → {@code * Title}), leave the documents where they are,
 * index the copy and score the gap suggestions for each such title against the document it used to link. Only
 * items whose target no other item links and whose title is unique take part, so the right answer is one document.
 * Seeded: the same seed delinks the same items of the same agenda.
 */
public final class DelinkEvaluation {
    public static final List<Long> SEEDS = List.of(1L, 2L, 3L);
    public static final int ITEMS = 25;

    /** An agenda item that can be delinked: its title, its link as written and the document it links. */
    public record Item(String title, String href, String path) {
    }

    /**
     * @param eligible     items that could be delinked
     * @param scores       over every delinked item of every seed
     * @param perSeedMrr   MRR@10 of each seed's items
     * @param right        per item, the confidence of the right document (0 when not suggested)
     * @param bestWrong    per item, the confidence of the best other suggestion (0 when none)
     * @param covered      the confidence that calls an item covered ({@code gaps.covered-confidence})
     */
    public record Report(int eligible, int seeds, int itemsPerSeed, RankingMetrics.Scores scores,
                         List<Double> perSeedMrr, List<Double> right, List<Double> bestWrong, double covered) {

        /** The share of items whose right document reaches the covered confidence: a trainer's "yes" found. */
        public double rightCovered() {
            return reaching(right, covered);
        }

        /** The share of items whose best wrong suggestion reaches it: what would be called covered by the wrong one. */
        public double bestWrongCovered() {
            return reaching(bestWrong, covered);
        }
    }

    /** The share of the values at or above the threshold; 0 for none. */
    public static double reaching(List<Double> values, double threshold) {
        return values.isEmpty() ? 0 : (double) values.stream().filter(v -> v >= threshold - 1e-9).count() / values.size();
    }

    private DelinkEvaluation() {
    }

    /** The items of the agenda that can be delinked, in agenda order. */
    public static List<Item> eligible(List<AgendaView.Item> agenda, String readme, Predicate<String> isTopic) {
        Map<String, Integer> titles = new HashMap<>();
        Map<String, Integer> targets = new HashMap<>();
        for (AgendaView.Item i : agenda) {
            titles.merge(i.title(), 1, Integer::sum);
            if (i.path() != null) {
                targets.merge(i.path(), 1, Integer::sum);
            }
        }
        List<Item> result = new ArrayList<>();
        for (AgendaView.Item i : agenda) {
            if ("linked".equals(i.status()) && i.path() != null && i.path().endsWith(".md") && i.href() != null
                    && titles.get(i.title()) == 1 && targets.get(i.path()) == 1 && !i.title().isBlank()
                    && isTopic.test(i.path()) && count(link(i.href()).matcher(readme)) == 1) {
                result.add(new Item(i.title(), i.href(), i.path()));
            }
        }
        return result;
    }

    /**
     * Per item title, the documents the other items of its module link: what the coverage report hands the gap
     * suggester as the item's context. Read from the delinked copy's agenda, so delinked neighbours give none.
     */
    public static Map<String, List<String>> neighbours(AgendaView agenda) {
        Map<String, List<String>> result = new HashMap<>();
        for (AgendaView.Section s : agenda.sections()) {
            for (AgendaView.Module m : s.modules()) {
                for (AgendaView.Item i : m.items()) {
                    List<String> others = m.items().stream().filter(o -> o != i && o.path() != null)
                            .map(AgendaView.Item::path).toList();
                    result.merge(i.title(), others, (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream())
                            .toList());
                }
            }
        }
        return result;
    }

    /** {@code n} of the items, chosen by the seed. */
    public static List<Item> choose(List<Item> eligible, long seed, int n) {
        List<Item> shuffled = new ArrayList<>(eligible);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, Math.min(n, shuffled.size())));
    }

    /** The agenda text with each item's link turned into its link text. */
    public static String delink(String readme, List<Item> items) {
        String result = readme;
        for (Item i : items) {
            result = link(i.href()).matcher(result).replaceFirst(m -> Matcher.quoteReplacement(m.group(1)));
        }
        return result;
    }

    /** A markdown inline link to {@code href} as written (angle brackets and a title allowed). */
    private static Pattern link(String href) {
        return Pattern.compile("\\[((?:[^\\[\\]]|\\[[^\\]]*\\])*)\\]\\(\\s*<?" + Pattern.quote(href)
                + ">?(?:\\s+\"[^\"]*\")?\\s*\\)");
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * Runs the test on the indexed course {@code courseId} (read from {@code courseDir}): per seed a copy under
     * {@code workDir}, indexed as its own course, scored on the delinked titles.
     */
    public static Report run(Kb kb, String courseId, Path courseDir, Path workDir, List<Long> seeds, int n)
            throws IOException {
        Path readmeFile = courseDir.resolve("README.md");
        String readme = Files.readString(readmeFile);
        List<AgendaView.Item> agenda = kb.services().courses().agenda(courseId).sections().stream()
                .flatMap(s -> s.modules().stream()).flatMap(m -> m.items().stream()).toList();
        java.util.Set<String> handouts = kb.services().courses().handoutPaths(courseId);
        List<Item> eligible = eligible(agenda, readme,
                p -> !handouts.contains(p) && Files.isRegularFile(courseDir.resolve(p), LinkOption.NOFOLLOW_LINKS));
        List<JudgedQuery> judged = new ArrayList<>();
        Map<String, List<GapSuggester.Suggestion>> suggested = new HashMap<>();
        List<Double> perSeed = new ArrayList<>();
        int perSeedItems = 0;
        for (long seed : seeds) {
            List<Item> chosen = choose(eligible, seed, n);
            perSeedItems = chosen.size();
            String copyId = courseId + "-delink-" + seed;
            Path copy = workDir.resolve("seed-" + seed);
            copyCourse(courseDir, copy);
            Files.writeString(copy.resolve("README.md"), delink(readme, chosen));
            kb.index(copyId, copy);
            Map<String, List<String>> context = neighbours(kb.services().courses().agenda(copyId));
            List<JudgedQuery> seedJudged = new ArrayList<>();
            for (Item i : chosen) {
                String key = seed + "\u0000" + i.title();
                suggested.put(key, kb.services().gaps().suggest(i.title(), context.getOrDefault(i.title(), List.of()),
                        copyId, RankingMetrics.K));
                seedJudged.add(new JudgedQuery(key, List.of(i.path())));
            }
            perSeed.add(RankingMetrics.score(seedJudged, paths(suggested)).mrr());
            judged.addAll(seedJudged);
        }
        Confidences confidences = confidences(judged, suggested);
        RankingMetrics.Scores scores = RankingMetrics.score(judged, paths(suggested));
        // Misses name the title, not the seed key.
        List<RankingMetrics.Miss> misses = scores.misses().stream().map(m -> new RankingMetrics.Miss(
                m.query().substring(m.query().indexOf('\u0000') + 1), m.rankOfFirstRelevant(), m.expected(), m.got()))
                .toList();
        return new Report(eligible.size(), seeds.size(), perSeedItems, new RankingMetrics.Scores(scores.queries(),
                scores.mrr(), scores.recall(), scores.ndcg(), misses), perSeed, confidences.right(),
                confidences.bestWrong(), kb.settings().search().gapCoveredConfidence());
    }

    /** Per judged item, the confidence of the right document and of the best other one (0 when not suggested). */
    public record Confidences(List<Double> right, List<Double> bestWrong) {
    }

    /** The confidences of each item's suggestions ({@code suggested} by the item's query). */
    public static Confidences confidences(List<JudgedQuery> judged,
                                          Map<String, List<GapSuggester.Suggestion>> suggested) {
        List<Double> right = new ArrayList<>();
        List<Double> bestWrong = new ArrayList<>();
        for (JudgedQuery q : judged) {
            List<GapSuggester.Suggestion> s = suggested.get(q.query());
            right.add(s.stream().filter(x -> x.path().equals(q.relevant().get(0)))
                    .mapToDouble(GapSuggester.Suggestion::confidence).findFirst().orElse(0));
            bestWrong.add(s.stream().filter(x -> !x.path().equals(q.relevant().get(0)))
                    .mapToDouble(GapSuggester.Suggestion::confidence).max().orElse(0));
        }
        return new Confidences(right, bestWrong);
    }

    private static Function<String, List<String>> paths(Map<String, List<GapSuggester.Suggestion>> suggested) {
        return key -> suggested.get(key).stream().map(GapSuggester.Suggestion::path).toList();
    }

    /** A fresh copy of the course without its git data; symbolic links are left out as kb never follows them. */
    static void copyCourse(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(p -> {
                Path rel = from.relativize(p);
                if (rel.toString().equals(".git") || rel.startsWith(".git") || Files.isSymbolicLink(p)) {
                    return;
                }
                try {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(to.resolve(rel.toString()));
                    } else {
                        Files.copy(p, to.resolve(rel.toString()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The value at quantile {@code q} (0–1) of the values; 0 for none. */
    public static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * (sorted.size() - 1) + 0.5)));
    }
}
