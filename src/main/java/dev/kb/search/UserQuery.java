package dev.kb.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The query syntax participants type: words, {@code "phrases"} and {@code -exclusions} (of words or phrases).
 * Everything else is text; there is no input this parser rejects. An unclosed quote runs to the end.
 */
public record UserQuery(List<Clause> clauses) {

    public record Clause(String text, boolean phrase, boolean excluded) {
    }

    public static UserQuery parse(String input) {
        List<Clause> clauses = new ArrayList<>();
        int i = 0;
        int n = input.length();
        while (i < n) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean excluded = false;
            // "-word" excludes; "--set" and short options ("-c", "-nn", "-P") are command-line flags someone is
            // looking for: nobody excludes a word of one or two letters.
            if (c == '-' && i + 1 < n && !Character.isWhitespace(input.charAt(i + 1)) && input.charAt(i + 1) != '-'
                    && !shortOption(input, i + 1)) {
                excluded = true;
                i++;
                c = input.charAt(i);
            }
            if (c == '"') {
                int end = input.indexOf('"', i + 1);
                String text = end < 0 ? input.substring(i + 1) : input.substring(i + 1, end);
                i = end < 0 ? n : end + 1;
                if (!text.isBlank()) {
                    clauses.add(new Clause(text.strip(), true, excluded));
                }
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(input.charAt(end)) && input.charAt(end) != '"') {
                    end++;
                }
                clauses.add(new Clause(input.substring(i, end), false, excluded));
                i = end;
            }
        }
        return new UserQuery(List.copyOf(clauses));
    }

    /** One or two letters or digits after a dash, then the end of the word: {@code -c}, {@code -nn}, {@code -P}. */
    private static boolean shortOption(String input, int start) {
        int end = start;
        while (end < input.length() && Character.isLetterOrDigit(input.charAt(end))) {
            end++;
        }
        return end - start >= 1 && end - start <= 2 && (end == input.length() || Character.isWhitespace(input.charAt(end)));
    }

    public List<Clause> positive() {
        return clauses.stream().filter(c -> !c.excluded()).toList();
    }
}
