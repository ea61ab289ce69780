package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserQueryTest {

    @Test
    void words_phrases_and_exclusions() {
        assertThat(UserQuery.parse("kyverno \"non root\" -helm -\"pod security\"").clauses()).containsExactly(
                new UserQuery.Clause("kyverno", false, false),
                new UserQuery.Clause("non root", true, false),
                new UserQuery.Clause("helm", false, true),
                new UserQuery.Clause("pod security", true, true));
    }

    @Test
    void flags_with_double_dash_are_words_not_exclusions() {
        assertThat(UserQuery.parse("--set x").clauses()).containsExactly(
                new UserQuery.Clause("--set", false, false), new UserQuery.Clause("x", false, false));
    }

    @Test
    void short_options_are_words_not_exclusions() {
        assertThat(UserQuery.parse("rkhunter -c iptables -P INPUT tcpdump -nn -helm").clauses()).containsExactly(
                new UserQuery.Clause("rkhunter", false, false), new UserQuery.Clause("-c", false, false),
                new UserQuery.Clause("iptables", false, false), new UserQuery.Clause("-P", false, false),
                new UserQuery.Clause("INPUT", false, false), new UserQuery.Clause("tcpdump", false, false),
                new UserQuery.Clause("-nn", false, false), new UserQuery.Clause("helm", false, true));
    }

    @Test
    void an_unclosed_quote_runs_to_the_end_and_a_lone_dash_is_text() {
        assertThat(UserQuery.parse("a \"b c").clauses()).containsExactly(
                new UserQuery.Clause("a", false, false), new UserQuery.Clause("b c", true, false));
        assertThat(UserQuery.parse(" - ").clauses()).containsExactly(new UserQuery.Clause("-", false, false));
        assertThat(UserQuery.parse("").clauses()).isEqualTo(List.of());
    }
}
