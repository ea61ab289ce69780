package dev.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every figure of the README's table of figures per course is a row of {@code eval/regressions.tsv}: the README
 * quotes the table RegressionTableTest keeps true, so a change that moves a figure cannot leave the README behind.
 */
class ReadmeFiguresTest {
    /** A measured figure as the README writes it: a share to three decimals, or a count before "of". */
    private static final Pattern FIGURE = Pattern.compile("\\b(\\d\\.\\d{3})\\b|\\b(\\d+) of \\d+\\b");

    @Test
    void every_figure_of_the_per_course_table_is_an_expected_value_of_that_course() throws IOException {
        RegressionTable table = RegressionTable.read(Path.of("eval/regressions.tsv"));
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("| measure |")).findFirst().orElseThrow());
        List<String> courses = cells(lines.get(header)).subList(1, cells(lines.get(header)).size());
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            for (int c = 0; c < courses.size(); c++) {
                String course = courses.get(c);
                Set<String> expected = table.rows().stream().filter(r -> r.course().equals(course))
                        .flatMap(r -> Stream.of(String.format(Locale.ROOT, "%.3f", r.expected()),
                                String.valueOf(Math.round(r.expected()))))
                        .collect(Collectors.toSet());
                Matcher m = FIGURE.matcher(cells.get(c + 1));
                while (m.find()) {
                    String figure = m.group(1) != null ? m.group(1) : m.group(2);
                    checked++;
                    if (!expected.contains(figure)) {
                        unknown.add(course + ": " + figure + " in \"" + cells.get(0) + "\"");
                    }
                }
            }
        }
        assertThat(courses).contains("istio-kubernetes", "mysql-einsteiger", "linux-sicherheit");
        assertThat(checked).as("figures found in the README's table").isGreaterThan(20);
        assertThat(unknown).as("README figures that are no expected value of eval/regressions.tsv").isEmpty();
    }

    private static List<String> cells(String row) {
        String inner = row.strip().replaceAll("^\\|", "").replaceAll("\\|$", "");
        return List.of(inner.split("\\|")).stream().map(String::strip).toList();
    }
}
