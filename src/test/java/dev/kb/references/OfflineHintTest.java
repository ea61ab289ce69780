package dev.kb.references;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.store.UrlCheckRow;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineHintTest {
    @Test
    void most_links_failing_before_any_answer_looks_offline_and_one_mistyped_host_does_not() {
        assertThat(summary(3, 2).likelyOffline()).isTrue();
        assertThat(summary(213, 213).likelyOffline()).isTrue();
        assertThat(summary(1, 1).likelyOffline()).as("one mistyped host").isFalse();
        assertThat(summary(4, 2).likelyOffline()).as("half is not most").isFalse();
        assertThat(summary(0, 0).likelyOffline()).isFalse();
    }

    @Test
    void unreachable_means_no_server_answered() {
        assertThat(ReferenceChecks.unreachable(error("DNS: unknown host a.invalid"))).isTrue();
        assertThat(ReferenceChecks.unreachable(error("connection refused"))).isTrue();
        assertThat(ReferenceChecks.unreachable(error("timeout: no complete answer within 10000 ms"))).isFalse();
        assertThat(ReferenceChecks.unreachable(error("HTTP 503"))).isFalse();
        assertThat(ReferenceChecks.unreachable(new UrlCheckRow("u", "broken", 404, null, null, null, null, "HTTP 404",
                null))).isFalse();
    }

    private static ReferenceChecks.Summary summary(int references, int unreachable) {
        return new ReferenceChecks.Summary("c", references, references, 0, Map.of(), unreachable);
    }

    private static UrlCheckRow error(String message) {
        return new UrlCheckRow("u", "error", null, null, null, null, null, message, null);
    }
}
