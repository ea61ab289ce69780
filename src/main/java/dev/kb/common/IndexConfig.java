package dev.kb.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * Reads the search configuration shipped in {@code index/} (on the classpath as {@code /index/…}): word lists
 * and weights are data, reviewed and changed there, not constants in code.
 */
public final class IndexConfig {
    private IndexConfig() {
    }

    /** The file's lines without comments ({@code #}) and blank lines, trimmed. */
    public static List<String> lines(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index/" + name, e);
        }
    }

    public static Properties properties(String name) {
        try (InputStream in = open(name)) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index/" + name, e);
        }
    }

    /** A number from a properties file; a missing or malformed value is a packaging error, reported as such. */
    public static double number(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("index configuration lacks '" + key + "'");
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("index configuration '" + key + "' is not a number: " + value, e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = IndexConfig.class.getResourceAsStream("/index/" + name);
        if (in == null) {
            throw new IOException("index/" + name + " is missing from the build");
        }
        return in;
    }
}
