package dev.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of the README's layout section, read from the sources: data flows one way (ingest produces
 * the shared values of {@code model}, store saves them, graph, coverage and search read them), so that a feature
 * can change without the ones below it noticing.
 */
class DependencyRuleTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/kb");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?dev\\.kb\\.([a-z]+)\\.", Pattern.MULTILINE);
    /** Also catches a fully qualified name written in code instead of an import. */
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.kb\\.([a-z]+)\\.[A-Z]");
    /** The packages that are no feature: shared values and helpers, and the generated schema classes' package. */
    private static final Set<String> FOUNDATION = Set.of("model", "common");

    /** Package → the kb packages its main sources use, each with one file that shows it. */
    private static Map<String, Map<String, String>> uses;

    @BeforeAll
    static void read() throws IOException {
        uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                String pkg = relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
                Map<String, String> used = uses.computeIfAbsent(pkg, p -> new TreeMap<>());
                String text = Files.readString(file);
                for (Pattern p : List.of(IMPORT, QUALIFIED)) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        if (!m.group(1).equals(pkg)) {
                            used.putIfAbsent(m.group(1), relative.toString());
                        }
                    }
                }
            }
        }
    }

    @Test
    void the_sources_are_where_the_test_looks() {
        assertThat(uses).containsKeys("model", "store", "ingest", "search", "api");
    }

    @Test
    void no_package_cycle() {
        assertThat(cycles()).as("package cycles (each: the packages that reach one another)").isEmpty();
    }

    @Test
    void the_shared_values_import_no_other_kb_package() {
        assertThat(uses.get("model")).as("what model uses").isEmpty();
    }

    @Test
    void the_store_imports_no_feature_package() {
        assertThat(uses.get("store").keySet()).as("what store uses (%s)", uses.get("store")).isSubsetOf(FOUNDATION);
    }

    @Test
    void adapters_reach_data_only_through_services() {
        for (String adapter : List.of("api", "mcp", "web", "cli")) {
            Map<String, String> used = uses.getOrDefault(adapter, Map.of());
            assertThat(used.keySet()).as("%s uses (%s)", adapter, used).doesNotContain("store", "db");
        }
    }

    @Test
    void only_store_and_database_code_speak_sql() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file).getName(0).toString();
                String text = Files.readString(file);
                if (!Set.of("store", "db").contains(pkg) && text.contains("import org.jooq.")) {
                    offenders.add(file + " uses jOOQ");
                }
            }
        }
        assertThat(offenders).as("only store and db speak SQL").isEmpty();
    }

    /** Strongly connected groups of more than one package (Tarjan). */
    private static List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String p : uses.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, index, low, stack, onStack, found, counter);
            }
        }
        return found;
    }

    private static void connect(String p, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                                Set<String> onStack, List<Set<String>> found, int[] counter) {
        index.put(p, counter[0]);
        low.put(p, counter[0]++);
        stack.push(p);
        onStack.add(p);
        for (String q : uses.getOrDefault(p, Map.of()).keySet()) {
            if (!index.containsKey(q)) {
                connect(q, index, low, stack, onStack, found, counter);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (onStack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            Set<String> group = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                onStack.remove(q);
                group.add(q);
            } while (!q.equals(p));
            if (group.size() > 1) {
                found.add(group);
            }
        }
    }
}
