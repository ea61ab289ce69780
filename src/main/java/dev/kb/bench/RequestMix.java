package dev.kb.bench;

import dev.kb.app.Kb;
import dev.kb.common.Page;
import dev.kb.topic.TopicSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The GET requests of a class at work on an indexed course, for load that reaches every part of kb a reader
 * uses: searches and passages with {@link QueryMix} queries, completions of what they start to type, topics, the
 * prerequisite graph and the health check. Deterministic for a seed.
 */
final class RequestMix {
    /** A kind of request and its share of the mix, in percent. */
    private record Kind(String name, int percent) {
    }

    private static final List<Kind> KINDS = List.of(new Kind("search", 35), new Kind("passages", 15),
            new Kind("suggest", 15), new Kind("topic", 12), new Kind("topics", 5), new Kind("prerequisites", 5),
            new Kind("graph", 5), new Kind("health", 8));

    private RequestMix() {
    }

    /** {@code count} origin-form paths over the course's topics (read from kb) and the given queries. */
    static List<String> paths(Kb kb, String course, List<String> queries, int count, long seed) {
        List<String> topics = topicIds(kb, course);
        if (topics.isEmpty() || queries.isEmpty()) {
            throw new IllegalArgumentException("course " + course + " has no topics or no queries to request");
        }
        String api = "/api/v1";
        Random random = new Random(seed);
        List<String> paths = new ArrayList<>(count);
        while (paths.size() < count) {
            String q = queries.get(random.nextInt(queries.size()));
            String topic = topics.get(random.nextInt(topics.size()));
            paths.add(switch (kind(random.nextInt(100))) {
                case "search" -> api + "/search?course=" + course + "&limit=10&q=" + Benchmark.encode(q);
                case "passages" -> api + "/passages?course=" + course + "&k=5&q=" + Benchmark.encode(q);
                // What a search box sends while the word is typed: its first three letters or more.
                case "suggest" -> api + "/suggest?course=" + course + "&q="
                        + Benchmark.encode(q.substring(0, Math.min(q.length(), 3 + random.nextInt(6))));
                case "topic" -> api + "/topics/" + topic;
                case "topics" -> api + "/topics?course=" + course;
                case "prerequisites" -> api + "/topics/" + topic + "/prerequisites";
                case "graph" -> api + "/courses/" + course + "/graph";
                default -> "/health";
            });
        }
        return paths;
    }

    private static String kind(int percentile) {
        int upTo = 0;
        for (Kind k : KINDS) {
            upTo += k.percent();
            if (percentile < upTo) {
                return k.name();
            }
        }
        return KINDS.get(KINDS.size() - 1).name();
    }

    private static List<String> topicIds(Kb kb, String course) {
        List<String> ids = new ArrayList<>();
        Page<TopicSummary> page;
        do {
            page = kb.services().topics().list(course, null, 100, ids.size());
            page.items().forEach(t -> ids.add(t.id()));
        } while (page.hasNext() && !page.items().isEmpty());
        return ids;
    }
}
