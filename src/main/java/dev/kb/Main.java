package dev.kb;

import dev.kb.cli.KbCommand;
import dev.kb.cli.UsageErrors;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point: every failure ends as one readable line on stderr and a non-zero exit code. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new KbCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((e, ignored) -> {
            err.println("kb: " + UsageErrors.message(e));
            return 2;
        });
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("kb: " + message(e));
            LOG.debug("command failed", e);
            return 1;
        });
        return cmd.execute(args);
    }

    /** Our own exceptions carry messages written for the terminal; anything else says what it was. */
    private static String message(Exception e) {
        if (e.getMessage() != null && e.getClass().getPackageName().startsWith("dev.kb")) {
            return e.getMessage();
        }
        if (e instanceof IllegalStateException || e instanceof java.io.UncheckedIOException) {
            return e.getMessage();
        }
        return "unexpected error: " + e + " (set KB_LOG_LEVEL=debug for details)";
    }
}
