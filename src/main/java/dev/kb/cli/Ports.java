package dev.kb.cli;

import static dev.kb.common.Errors.rootMessage;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import picocli.CommandLine;

/**
 * The HTTP port of {@code serve}: a number a socket can have (else a bad argument), held from the first moment so a
 * port in use is said before PostgreSQL starts and the course is indexed, not after.
 */
final class Ports {
    static final int MAX = 65_535;

    private Ports() {
    }

    /** {@code --port} and {@code KB_PORT}: 0 (any free port) to 65535. */
    static final class Converter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value.strip());
                if (port >= 0 && port <= MAX) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // Said below, as for a number out of range.
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a port: use 0 (any free port) to " + MAX);
        }
    }

    /**
     * Binds the port on every interface, as the server will, and keeps it until {@link Reservation#start} hands it to
     * the server: nothing else can take it during the start either. Port 0 needs no reservation.
     */
    static Reservation reserve(int port) {
        if (port == 0) {
            return new Reservation(0, null);
        }
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            // As Jetty does, so a port a closed connection still lingers on (TIME_WAIT) counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return new Reservation(port, socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw cannotListen(port, e);
        }
    }

    /** A port held for the server; closing it (also after the server started) is harmless. */
    static final class Reservation implements AutoCloseable {
        private final int port;
        private final ServerSocket socket;

        private Reservation(int port, ServerSocket socket) {
            this.port = port;
            this.socket = socket;
        }

        /** Lets the port go and starts the server on it at once. */
        void start(Javalin server) {
            close();
            try {
                server.start(port);
            } catch (RuntimeException e) {
                throw cannotListen(port, e);
            }
        }

        @Override
        public void close() {
            closeQuietly(socket);
        }
    }

    private static CliFailure cannotListen(int port, Exception e) {
        return new CliFailure("cannot listen on port " + port + " (" + rootMessage(e)
                + "); choose another with --port or KB_PORT", e);
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing was listening on it; the port is free either way.
        }
    }
}
