package dev.kb.db;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded PostgreSQL's log ({@code postgres.log}: initdb's, pg_ctl's and the server's own output). When a start
 * fails, the reason is there — "No space left on device", a data directory with wrong permissions, another server
 * holding it — and not in the exception, which only says that the server did not come up.
 */
final class ServerLog {
    /** The end of the log read for a cause: a failed start writes a few lines. */
    private static final int TAIL_BYTES = 64 * 1024;
    /** pg_ctl's last words when the server it started exited before it was ready. */
    static final String START_FAILED = "could not start server";
    /** Lines that say why, most telling first: the server's own fatal errors, then initdb's and pg_ctl's. */
    private static final List<Pattern> CAUSES = List.of(
            Pattern.compile("\\b(?:PANIC|FATAL):\\s+(.+)"),
            Pattern.compile("\\bERROR:\\s+(.+)"),
            Pattern.compile("^(?:initdb|pg_ctl): error: (.+)"),
            Pattern.compile("^(?:initdb|pg_ctl): (?!" + START_FAILED + ")(.+)"));

    private final Path file;

    ServerLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Where the log ends now: what a start writes comes after. */
    long end() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What was written since {@code offset} (its last {@value #TAIL_BYTES} bytes at most). */
    String since(long offset) {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(offset, log.length() - TAIL_BYTES);
            if (from >= log.length()) {
                return "";
            }
            byte[] bytes = new byte[(int) (log.length() - from)];
            log.seek(from);
            log.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The reason a start failed, as the log says it since {@code offset}: the most telling line, the last of its kind. */
    Optional<String> cause(long offset) {
        List<String> lines = since(offset).lines().map(String::strip).toList();
        for (Pattern pattern : CAUSES) {
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher m = pattern.matcher(lines.get(i));
                if (m.find()) {
                    return Optional.of(m.group(1).strip());
                }
            }
        }
        return Optional.empty();
    }
}
