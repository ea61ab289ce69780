package dev.kb.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kb.common.Json;
import dev.kb.common.Limit;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches kb's routes (a URI too long, a malformed escape, headers too
 * large) as RFC 9457 problems too, not Jetty's HTML page: clients get one error format whatever failed.
 * The reason shown is the status's own; Jetty's message could echo the request. Refusals for size name the limit.
 */
final class JettyProblems extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        SecurityHeaders.on(fields);
        return ByteBuffer.wrap(body(status));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object attribute = request.getAttribute(ERROR_STATUS);
        int status = attribute instanceof Integer i ? i : response.getStatus();
        if (status < 400) {
            status = 500;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        SecurityHeaders.on(response.getHeaders());
        response.write(true, ByteBuffer.wrap(body(status)), callback);
        return true;
    }

    private static byte[] body(int status) {
        String title = HttpStatus.getMessage(status);
        try {
            return Json.mapper().writeValueAsBytes(switch (status) {
                // Jetty reads the request line and the header block each into a buffer of this size.
                case HttpStatus.URI_TOO_LONG_414 -> Problems.limitProblem(Limit.URI_BYTES, ServerLimits.MAX_HEADER_BYTES,
                        "the request line is longer than the limit of " + ServerLimits.MAX_HEADER_BYTES
                                + " bytes; send a long question to POST /api/v1/passages", null, null);
                case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> Problems.limitProblem(Limit.HEADER_BYTES,
                        ServerLimits.MAX_HEADER_BYTES, "the request headers are larger than the limit of "
                                + ServerLimits.MAX_HEADER_BYTES + " bytes", null, null);
                case HttpStatus.PAYLOAD_TOO_LARGE_413 -> Problems.limitProblem(Limit.BODY_BYTES,
                        ServerLimits.MAX_BODY_BYTES, "the request body is larger than the limit of "
                                + ServerLimits.MAX_BODY_BYTES + " bytes", null, null);
                default -> new Problem(Problems.BLANK, title, status,
                        "the request could not be read: " + title.toLowerCase(java.util.Locale.ROOT), null, null);
            });
        } catch (JsonProcessingException e) {
            return ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
