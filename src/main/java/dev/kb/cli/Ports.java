package dev.kb.cli;

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

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
