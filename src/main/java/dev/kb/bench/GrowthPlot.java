package dev.kb.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * How cost grows with the corpus, as a PNG: search latency (left) and index time (right) against the number of
 * documents, both axes logarithmic, so a straight line's slope is the growth exponent.
 */
public final class GrowthPlot {
    private static final int PANEL = 460;
    private static final int HEIGHT = 360;
    private static final int MARGIN = 60;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd)};

    private record Series(String name, List<double[]> points) {
    }

    private GrowthPlot() {
    }

    public static void write(List<Benchmark.Result> results, int clients, Path png) throws IOException {
        List<Benchmark.Result> sorted = results.stream()
                .sorted(java.util.Comparator.comparingInt(Benchmark.Result::documents)).toList();
        List<Series> latency = List.of(
                series("kb p50", sorted, r -> Report.run(r, Benchmark.KB_FRESH, clients).p50Millis()),
                series("kb p99", sorted, r -> Report.run(r, Benchmark.KB_FRESH, clients).p99Millis()),
                series("PostgreSQL p50", sorted, r -> Report.run(r, Benchmark.POSTGRES, clients).p50Millis()),
                series("PostgreSQL p99", sorted, r -> Report.run(r, Benchmark.POSTGRES, clients).p99Millis()));
        List<Series> indexing = List.of(
                series("kb index", sorted, r -> r.index().seconds()),
                series("kb re-index, unchanged", sorted, r -> r.index().unchangedSeconds()),
                series("PostgreSQL FTS load", sorted, r -> r.index().ftsLoadSeconds()));
        BufferedImage image = new BufferedImage(2 * PANEL, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 2 * PANEL, HEIGHT);
        panel(g, 0, "Search latency, " + clients + " clients (ms)", latency);
        panel(g, PANEL, "Index time (s)", indexing);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static Series series(String name, List<Benchmark.Result> results, ToDoubleFunction<Benchmark.Result> y) {
        List<double[]> points = new ArrayList<>();
        for (Benchmark.Result r : results) {
            double value = y.applyAsDouble(r);
            if (value > 0 && !Double.isNaN(value)) {
                points.add(new double[] {r.documents(), value});
            }
        }
        return new Series(name, points);
    }

    private static void panel(Graphics2D g, int left, String title, List<Series> series) {
        double minX = Double.MAX_VALUE, maxX = 0, minY = Double.MAX_VALUE, maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (maxX == 0) {
            return;
        }
        double x0 = Math.floor(Math.log10(minX)), x1 = Math.max(x0 + 1, Math.ceil(Math.log10(maxX)));
        double y0 = Math.floor(Math.log10(minY)), y1 = Math.max(y0 + 1, Math.ceil(Math.log10(maxY)));
        int w = PANEL - 2 * MARGIN + 20, h = HEIGHT - 2 * MARGIN;
        int ox = left + MARGIN, oy = HEIGHT - MARGIN;
        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, ox, MARGIN - 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double e = x0; e <= x1; e++) {
            int x = ox + (int) ((e - x0) / (x1 - x0) * w);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, oy, x, oy - h);
            g.setColor(Color.BLACK);
            g.drawString(label(Math.pow(10, e)), x - 12, oy + 15);
        }
        for (double e = y0; e <= y1; e++) {
            int y = oy - (int) ((e - y0) / (y1 - y0) * h);
            g.setColor(new Color(0xdddddd));
            g.drawLine(ox, y, ox + w, y);
            g.setColor(Color.BLACK);
            g.drawString(label(Math.pow(10, e)), ox - 40, y + 4);
        }
        g.drawString("documents", ox + w / 2 - 25, oy + 32);
        g.drawRect(ox, oy - h, w, h);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            g.setColor(COLORS[i % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            int[] prev = null;
            for (double[] p : s.points()) {
                int x = ox + (int) ((Math.log10(p[0]) - x0) / (x1 - x0) * w);
                int y = oy - (int) ((Math.log10(p[1]) - y0) / (y1 - y0) * h);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (prev != null) {
                    g.drawLine(prev[0], prev[1], x, y);
                }
                prev = new int[] {x, y};
            }
            g.drawString(s.name(), ox + 8, oy - h + 16 + 14 * i);
        }
    }

    private static String label(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2g", v);
    }
}
