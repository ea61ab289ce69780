package dev.kb.cli;

import dev.kb.common.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Durations as a trainer types them: {@code 30s}, {@code 15m}, {@code 12h}, {@code 7d}, or {@code 0}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
