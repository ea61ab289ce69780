package dev.kb.cli;

import java.util.List;
import picocli.CommandLine;

/** Bad command lines as one line a person can act on: what was wrong, and where the help is. */
public final class UsageErrors {
    private UsageErrors() {
    }

    /** What was wrong with the command line, and where the help for it is. */
    public static String message(CommandLine.ParameterException e) {
        String help = "'" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'";
        if (e instanceof CommandLine.UnmatchedArgumentException u && isUnknownCommand(u)) {
            List<String> suggestions = u.getSuggestions();
            return "unknown command '" + u.getUnmatched().get(0) + "'"
                    + (suggestions.isEmpty() ? "" : " (did you mean '" + suggestions.get(0) + "'?)") + ", see " + help;
        }
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            // Options belong to the commands that use them: 'kb --port 8080 serve' once worked.
            String option = u.getUnmatched().get(0).split("=", 2)[0];
            for (CommandLine sub : e.getCommandLine().getSubcommands().values()) {
                if (option.startsWith("--") && sub.getCommandSpec().findOption(option) != null) {
                    return "option '" + option + "' goes after its command, e.g. '"
                            + sub.getCommandSpec().qualifiedName() + " " + option + " …', see " + help;
                }
            }
        }
        return e.getMessage() + " (see " + help + ")";
    }

    /** A word where a command with subcommands and no arguments of its own expects a subcommand. */
    private static boolean isUnknownCommand(CommandLine.UnmatchedArgumentException e) {
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        return !e.getUnmatched().isEmpty() && !e.getUnmatched().get(0).startsWith("-")
                && !spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty();
    }
}
