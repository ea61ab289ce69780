package dev.kb.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A bare repository served over git's smart HTTP protocol (the JDK's HTTP server and JGit's upload-pack), behind
 * HTTP Basic authentication: a forge that wants a token, and that can be told to refuse every credential, as one
 * does after a token was revoked. Every Authorization header it received is kept, so a test can see what was sent.
 */
public final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Repository repo;
    private final Set<String> accepted;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    private GitHttpServer(Path bare, Set<String> passwords) throws IOException {
        this.repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
        this.accepted = Set.copyOf(passwords);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code bare} at {@link #url()}; any user name with one of the passwords is let in. */
    public static GitHttpServer serve(Path bare, String... passwords) {
        try {
            return new GitHttpServer(bare, Set.of(passwords));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/course.git";
    }

    /** From now on every request is refused with 401, whatever it sends. */
    public void refuseAll() {
        refusing = true;
    }

    /** The Authorization headers received, in order. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private boolean authorized(String header) {
        if (refusing || header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        return accepted.contains(pair.substring(pair.indexOf(':') + 1));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            if (!authorized(auth)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"courses\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            UploadPack upload = new UploadPack(repo);
            upload.setBiDirectionalPipe(false);
            if (exchange.getRequestMethod().equals("GET") && path.endsWith("/info/refs")) {
                exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-advertisement");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                PacketLineOut packets = new PacketLineOut(out);
                packets.writeString("# service=git-upload-pack\n");
                packets.end();
                upload.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(packets));
                out.flush();
            } else if (exchange.getRequestMethod().equals("POST") && path.endsWith("/git-upload-pack")) {
                exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-result");
                exchange.sendResponseHeaders(200, 0);
                InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody();
                upload.upload(in, exchange.getResponseBody(), null);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        repo.close();
    }
}
