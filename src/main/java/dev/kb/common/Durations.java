package dev.kb.common;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a trainer types them: {@code 30s}, {@code 15m}, {@code 12h}, {@code 7d}, or {@code 0}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    private Durations() {
    }

    /** The duration written, or IllegalArgumentException saying how to write one. */
    public static Duration parse(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(2).isEmpty() && !m.group(1).equals("0")) {
            throw new IllegalArgumentException("'" + value + "' is not a duration; write e.g. 30s, 15m, 12h, 7d or 0");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ZERO;
        };
    }
}
