package dev.kb.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations as a trainer types them: {@code 30s}, {@code 15m}, {@code 12h}, {@code 7d}, or {@code 0}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches() || m.group(2).isEmpty() && !m.group(1).equals("0")) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration; write e.g. 30s, 15m, 12h, 7d or 0");
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
