package dev.kb.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/** The interface text of one language, from {@code web/texts_LANG.properties}; a missing key shows as itself. */
public final class Texts {
    private static final Map<String, Texts> ALL = Map.of("en", load("en"), "de", load("de"));

    private final String lang;
    private final Properties properties;

    private Texts(String lang, Properties properties) {
        this.lang = lang;
        this.properties = properties;
    }

    static Texts of(String lang) {
        return ALL.getOrDefault(lang, ALL.get("en"));
    }

    public String lang() {
        return lang;
    }

    public String get(String key) {
        return properties.getProperty(key, key);
    }

    /** A text with {@code {0}}, {@code {1}} … replaced. */
    public String get(String key, Object... args) {
        String text = get(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    private static Texts load(String lang) {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream("/web/texts_" + lang + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("web/texts_" + lang + ".properties is missing from the classpath");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Texts(lang, p);
    }
}
