package dev.kb.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures kb keeps, per course: {@code course<TAB>judged<TAB>measure<TAB>expected<TAB>tolerance}. A row holds
 * when today's value is within the tolerance of the expected one, either way: a change that moves a figure
 * updates its row (in the same commit, saying why), so the table is always what kb measures. {@code judged} is a
 * kind of judged file (see {@link EvalManifest.Judged}) or {@code course} for figures of the course itself.
 */
public record RegressionTable(List<Row> rows) {

    public record Row(String course, String judged, String measure, double expected, double tolerance) {
        public boolean holds(double today) {
            return Math.abs(today - expected) <= tolerance + 1e-9;
        }

        /** The key of this row's figure in {@link CourseEvaluation#figures()}. */
        public String figure() {
            return CourseEvaluation.key(judged, measure);
        }
    }

    public static RegressionTable read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.strip().split("\t");
            if (parts.length != 5) {
                throw new IOException(file + ": expected 'course<TAB>judged<TAB>measure<TAB>expected<TAB>tolerance' "
                        + "but found: " + line);
            }
            try {
                rows.add(new Row(parts[0].strip(), parts[1].strip(), parts[2].strip(),
                        Double.parseDouble(parts[3].strip()), Double.parseDouble(parts[4].strip())));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": expected and tolerance must be numbers: " + line, e);
            }
        }
        return new RegressionTable(List.copyOf(rows));
    }
}
