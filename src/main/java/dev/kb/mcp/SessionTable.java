package dev.kb.mcp;

import dev.kb.config.Config;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * kb's count of the MCP sessions the SDK keeps, by client address: what {@link SessionLimitFilter} admits new
 * sessions against. A session counts from its {@code initialize} until it is deleted, the SDK no longer knows it,
 * or it has gone {@code idle} without a request or an open stream. The SDK ends such sessions itself (its sweeper
 * runs every half idle time, so it has ended one by the time it leaves this table): the count never falls below
 * what the SDK holds, so the caps bound its memory.
 */
final class SessionTable {
    /** Why a new session was refused: the client's own sessions, or everybody's. */
    enum Cap { PER_ADDRESS, TOTAL }

    /** A refusal: which cap, its value, and when a session of the kind counted may have expired. */
    record Refusal(Cap cap, int max, Duration retryAfter) {
    }

    private static final class Entry {
        final String address;
        long lastActive;
        int openStreams;

        Entry(String address, long now) {
            this.address = address;
            this.lastActive = now;
        }
    }

    private final Map<String, Entry> sessions = new HashMap<>();
    /** Admitted {@code initialize} requests still being answered, by address: they count as sessions already. */
    private final Map<String, Integer> pending = new HashMap<>();
    private final int max;
    private final int maxPerAddress;
    private final long idleNanos;
    private final LongSupplier clock;

    SessionTable(Config.McpLimits limits, LongSupplier nanoClock) {
        this.max = limits.maxSessions();
        this.maxPerAddress = limits.maxSessionsPerAddress();
        this.idleNanos = limits.sessionIdleTimeout().toNanos();
        this.clock = nanoClock;
    }

    /** Why there is no room for one more session of {@code address}; empty: admitted, {@link #settle} follows. */
    synchronized Optional<Refusal> admit(String address) {
        long now = clock.getAsLong();
        sessions.values().removeIf(e -> expired(e, now));
        int mine = pending.getOrDefault(address, 0);
        for (Entry e : sessions.values()) {
            mine += e.address.equals(address) ? 1 : 0;
        }
        if (mine >= maxPerAddress) {
            return Optional.of(new Refusal(Cap.PER_ADDRESS, maxPerAddress,
                    retryAfter(e -> e.address.equals(address), now)));
        }
        int all = sessions.size() + pending.values().stream().mapToInt(Integer::intValue).sum();
        if (all >= max) {
            return Optional.of(new Refusal(Cap.TOTAL, max, retryAfter(e -> true, now)));
        }
        pending.merge(address, 1, Integer::sum);
        return Optional.empty();
    }

    /** The admitted request of {@code address} is answered: with a new session, or (null) without one. */
    synchronized void settle(String address, String sessionId) {
        pending.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
        if (sessionId != null) {
            sessions.put(sessionId, new Entry(address, clock.getAsLong()));
        }
    }

    /** A request of a session the table knows: it is in use. */
    synchronized void touch(String sessionId) {
        Entry e = sessions.get(sessionId);
        if (e != null) {
            e.lastActive = clock.getAsLong();
        }
    }

    /**
     * The SDK is answering a request of this session, so it holds it: counted again if it had left the table
     * (a request in the moment between leaving here and the SDK's sweep).
     */
    synchronized void inUse(String sessionId, String address) {
        sessions.computeIfAbsent(sessionId, id -> new Entry(address, clock.getAsLong())).lastActive = clock.getAsLong();
    }

    /** A stream of the session opens (its SSE answer to a request, or the client's listening stream). */
    synchronized void streamOpened(String sessionId, String address) {
        inUse(sessionId, address);
        sessions.get(sessionId).openStreams++;
    }

    synchronized void streamClosed(String sessionId) {
        Entry e = sessions.get(sessionId);
        if (e != null) {
            e.openStreams = Math.max(0, e.openStreams - 1);
            e.lastActive = clock.getAsLong();
        }
    }

    /** The session was deleted, or the SDK no longer knows it. */
    synchronized void ended(String sessionId) {
        sessions.remove(sessionId);
    }

    synchronized int size() {
        return sessions.size();
    }

    private boolean expired(Entry e, long now) {
        return e.openStreams == 0 && now - e.lastActive > idleNanos;
    }

    /** When the first of the counted sessions without a stream will have been idle long enough; at least 1 s. */
    private Duration retryAfter(Predicate<Entry> counted, long now) {
        long soonest = idleNanos;
        for (Entry e : sessions.values()) {
            if (counted.test(e) && e.openStreams == 0) {
                soonest = Math.min(soonest, e.lastActive + idleNanos - now);
            }
        }
        return Duration.ofSeconds(Math.max(1, (soonest + 999_999_999L) / 1_000_000_000L));
    }
}
