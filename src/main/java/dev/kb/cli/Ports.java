package dev.kb.cli;

import static dev.kb.common.Errors.rootMessage;

import io.javalin.Javalin;

/** Starting the server with a readable message when the port is taken. */
final class Ports {
    private Ports() {
    }

    static void start(Javalin server, int port) {
        try {
            server.start(port);
        } catch (RuntimeException e) {
            throw new CliFailure("cannot listen on port " + port + " (" + rootMessage(e)
                    + "); choose another with --port or KB_PORT", e);
        }
    }
}
