package dev.kb.ingest;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Course ids are slugs: what a directory name becomes, and what {@code --course-id} must look like. */
public final class CourseIds {
    private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?");

    private CourseIds() {
    }

    public static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 64) {
            slug = slug.substring(0, 64).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "course" : slug;
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
