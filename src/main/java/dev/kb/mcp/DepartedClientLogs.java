package dev.kb.mcp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * An MCP client that leaves without ending its session is found by the keep-alive ping on its open stream: the
 * ping is not answered, or cannot be written. The SDK logs each such ping as a warning or an error (naming the
 * session by its object hash), though it is how a client's leaving is noticed, not a fault: the stream is closed
 * and the session then ends after its idle time. This filter (installed in {@code logback.xml}) turns those lines
 * into one debug line per session, naming it by its id. Every other line of the SDK passes.
 */
public final class DepartedClientLogs extends TurboFilter {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(DepartedClientLogs.class);
    private static final String KEEP_ALIVE = "io.modelcontextprotocol.util.KeepAliveScheduler";
    private static final String KEEP_ALIVE_FAILED = "Keep-alive ping to session {} failed: {}";
    /** The session transport logs through its interface's logger, not its own class's. */
    private static final String TRANSPORT = "io.modelcontextprotocol.spec.McpTransport";
    private static final String SEND_FAILED = "Failed to send message to session {}: {}";
    private static final int REMEMBERED = 256;

    /** Sessions already reported: one departure may fail a ping or two and a write. */
    private final Set<String> reported = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<String, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || params == null || params.length < 2) {
            return FilterReply.NEUTRAL;
        }
        String session;
        if (KEEP_ALIVE_FAILED.equals(format) && KEEP_ALIVE.equals(logger.getName())) {
            session = params[0] instanceof McpStreamableServerSession s ? s.getId() : String.valueOf(params[0]);
        } else if (SEND_FAILED.equals(format) && TRANSPORT.equals(logger.getName())) {
            session = String.valueOf(params[0]);
        } else {
            return FilterReply.NEUTRAL;
        }
        if (reported.add(session)) {
            LOG.debug("MCP session {}: its client is gone ({}); its stream is closed, and the session ends when it "
                    + "has been idle long enough", session, params[1]);
        }
        return FilterReply.DENY;
    }
}
