package dev.kb.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.config.Config;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The count MCP sessions are admitted against, on a clock the test moves. */
class SessionTableTest {
    private static final Duration IDLE = Duration.ofMinutes(10);
    private final AtomicLong now = new AtomicLong();
    private final SessionTable table = new SessionTable(new Config.McpLimits(3, 2, IDLE), now::get);

    private void open(String address, String id) {
        assertThat(table.admit(address)).isEmpty();
        table.settle(address, id);
    }

    private void pass(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void an_address_over_its_cap_is_refused_while_another_is_admitted_until_the_total_is_reached() {
        open("10.0.0.1", "a1");
        open("10.0.0.1", "a2");
        Optional<SessionTable.Refusal> mine = table.admit("10.0.0.1");
        assertThat(mine).get().extracting(SessionTable.Refusal::cap).isEqualTo(SessionTable.Cap.PER_ADDRESS);
        assertThat(mine.get().max()).isEqualTo(2);
        open("10.0.0.2", "b1");
        Optional<SessionTable.Refusal> full = table.admit("10.0.0.3");
        assertThat(full).get().extracting(SessionTable.Refusal::cap).isEqualTo(SessionTable.Cap.TOTAL);
        assertThat(full.get().max()).isEqualTo(3);
    }

    @Test
    void requests_being_admitted_count_before_their_session_exists() {
        assertThat(table.admit("10.0.0.1")).isEmpty();
        assertThat(table.admit("10.0.0.1")).isEmpty();
        assertThat(table.admit("10.0.0.1")).isPresent();
        // An initialize the SDK refused (no session) gives its place back.
        table.settle("10.0.0.1", null);
        assertThat(table.admit("10.0.0.1")).isEmpty();
    }

    @Test
    void an_idle_session_stops_counting_after_the_idle_time_unless_it_is_used_or_holds_a_stream() {
        open("10.0.0.1", "used");
        open("10.0.0.1", "streaming");
        open("10.0.0.2", "idle");
        table.streamOpened("streaming", "10.0.0.1");
        pass(IDLE.minusMinutes(1));
        table.touch("used");
        pass(Duration.ofMinutes(2));
        // "idle" has been idle 11 minutes and is gone; "used" 2 minutes; "streaming" holds its stream.
        assertThat(table.admit("10.0.0.2")).isEmpty();
        assertThat(table.size()).isEqualTo(2);
        table.streamClosed("streaming");
        pass(IDLE.plusSeconds(1));
        assertThat(table.admit("10.0.0.3")).isEmpty();
        assertThat(table.size()).isZero();
    }

    @Test
    void retry_after_is_when_the_first_idle_session_of_the_kind_counted_ends() {
        open("10.0.0.1", "a1");
        pass(Duration.ofMinutes(4));
        open("10.0.0.1", "a2");
        pass(Duration.ofMinutes(1));
        // a1 was last used 5 minutes ago: it ends in 5 more.
        assertThat(table.admit("10.0.0.1")).get().extracting(SessionTable.Refusal::retryAfter)
                .isEqualTo(Duration.ofMinutes(5));
        table.streamOpened("a1", "10.0.0.1");
        assertThat(table.admit("10.0.0.1")).get().extracting(SessionTable.Refusal::retryAfter)
                .isEqualTo(Duration.ofMinutes(9));
    }

    @Test
    void a_deleted_or_unknown_session_frees_its_place_and_one_the_sdk_still_serves_counts_again() {
        open("10.0.0.1", "a1");
        open("10.0.0.1", "a2");
        table.ended("a1");
        assertThat(table.admit("10.0.0.1")).isEmpty();
        table.settle("10.0.0.1", "a3");
        // a1 was still held by the SDK after all (it answered a request of it): counted again.
        table.inUse("a1", "10.0.0.1");
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.admit("10.0.0.2")).isPresent();
    }

    @Test
    void an_ipv6_client_counts_by_its_64_prefix_and_an_ipv4_client_by_its_address() {
        assertThat(SessionLimitFilter.clientKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(SessionLimitFilter.clientKey("[2001:db8:1:2:bbbb::7]"))
                .isNotEqualTo(SessionLimitFilter.clientKey("2001:db8:1:3::1"));
        assertThat(SessionLimitFilter.clientKey("::ffff:10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(SessionLimitFilter.clientKey("10.0.0.1")).isNotEqualTo(SessionLimitFilter.clientKey("10.0.0.2"));
        assertThat(SessionLimitFilter.clientKey("not-an-address")).isEqualTo("not-an-address");
    }
}
