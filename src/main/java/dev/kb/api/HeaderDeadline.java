package dev.kb.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's line and headers must have arrived within a deadline of its first byte. Jetty's idle timeout starts
 * again with every byte, so a client sending one byte just under every 30 s held a connection and a parser for as long
 * as it liked (slowloris); Jetty has no total bound of its own for this part (its minimum data rate covers bodies
 * only, see {@link ServerLimits}). Every connection of the connector is looked at a few times per deadline, and one
 * still in the headers of the same request past it is closed. (Jetty's HTTP/1.1 connection is in an internal package:
 * its parser's state is the only way to tell a request still arriving from a connection at rest between requests.)
 */
final class HeaderDeadline extends AbstractLifeCycle {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    private final AbstractConnector connector;
    private final Duration deadline;
    private final Duration every;
    /** Connections seen in the middle of a request's headers: since when, and which of its requests. */
    private final Map<EndPoint, Reading> reading = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    private record Reading(long sinceNanos, long request) {
    }

    HeaderDeadline(AbstractConnector connector, Duration deadline) {
        this.connector = connector;
        this.deadline = deadline;
        // A connection is closed between the deadline and a quarter past it (a second at most).
        long quarter = Math.max(50, Math.min(1_000, deadline.toMillis() / 4));
        this.every = Duration.ofMillis(quarter);
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
        reading.clear();
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next = connector.getScheduler().schedule(this::sweep, every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            reading.keySet().retainAll(connector.getConnectedEndPoints());
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (!(endPoint.getConnection() instanceof HttpConnection http) || !inHeaders(http.getParser())) {
                    reading.remove(endPoint);
                    continue;
                }
                Reading seen = reading.merge(endPoint, new Reading(now, http.getMessagesIn()),
                        (old, fresh) -> old.request() == fresh.request() ? old : fresh);
                if (now - seen.sinceNanos() > deadline.toNanos()) {
                    LOG.debug("closing a connection whose request headers took longer than {}", deadline);
                    reading.remove(endPoint);
                    endPoint.close(new TimeoutException("request headers not received within " + deadline));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("checking request deadlines failed", e);
        } finally {
            schedule();
        }
    }

    /** Past a request's first byte and before its body: the request line and headers are still coming. */
    private static boolean inHeaders(HttpParser parser) {
        return parser.inHeaderState() && !parser.isStart();
    }
}
