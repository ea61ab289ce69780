package dev.kb.references;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The link checker's HTTP client. It connects only where the {@link AddressPolicy} allowed: Jetty's client asks a
 * {@link org.eclipse.jetty.util.SocketAddressResolver} where a new connection should go, and ours resolves the host
 * once through the policy and hands back exactly the addresses it checked. Nothing resolves the name a second
 * time, so a name cannot answer a public address to the check and a private one to the connection. The request
 * still names the host: the Host header, the TLS server name (SNI) and the certificate check are for the name in the
 * URL, as with any client. (java.net.http resolves names itself and offers no such hook before Java 24.)
 */
final class CheckedHttpClient implements AutoCloseable {
    /** An answer: status, headers, and no more of the body than was asked for. */
    record Answer(int status, HttpFields headers, byte[] body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    private final HttpClient client = new HttpClient();
    private final Duration timeout;

    /**
     * @param timeout connect timeout, and the deadline of a whole exchange, body included
     * @param tls     trusted certificates and the host name check (the JDK's defaults outside tests)
     */
    CheckedHttpClient(AddressPolicy policy, Duration timeout, String userAgent, SslContextFactory.Client tls) {
        this.timeout = timeout;
        // Daemon threads: a checker nobody closed must not keep a command-line run from exiting.
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("link-checker");
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("link-checker-timeouts", true));
        client.setSocketAddressResolver((host, port, context, promise) -> resolve(policy, host, port, promise));
        client.setSslContextFactory(tls);
        client.setFollowRedirects(false);
        client.setConnectTimeout(timeout.toMillis());
        client.setIdleTimeout(timeout.toMillis());
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the link checker's HTTP client", e);
        }
    }

    private static void resolve(AddressPolicy policy, String host, int port, Promise<List<InetSocketAddress>> promise) {
        try {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (InetAddress checked : policy.addresses(host)) {
                // Jetty takes the TLS server name and the name the certificate must carry from the address's host
                // string: each address is labelled with the host asked for, whatever the resolver labelled it with.
                addresses.add(new InetSocketAddress(InetAddress.getByAddress(host, checked.getAddress()), port));
            }
            promise.succeeded(addresses);
        } catch (IOException e) {
            promise.failed(e);
        }
    }

    /**
     * One exchange, within the timeout from the request to the last byte read. At most {@code maxBytes} of the body
     * are read; the rest is abandoned with the connection.
     *
     * @throws AddressPolicy.Refused   the host resolves to an address the policy refuses
     * @throws HttpTimeoutException    no complete answer within the timeout
     */
    Answer fetch(URI uri, String method, int maxBytes) throws IOException, InterruptedException {
        Request request = client.newRequest(uri).method(method).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            Response response = listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            byte[] body;
            try (InputStream in = listener.getInputStream()) {
                body = in.readNBytes(maxBytes);
            }
            return new Answer(response.getStatus(), response.getHeaders(), body);
        } catch (TimeoutException e) {
            request.abort(e);
            throw timedOut();
        } catch (InterruptedException e) {
            request.abort(e);
            throw e;
        } catch (ExecutionException e) {
            throw cause(e.getCause());
        } catch (SocketTimeoutException e) {
            throw timedOut();
        } catch (InterruptedIOException e) {
            // Interrupted while reading the body: the run is being cancelled, which says nothing about the link.
            request.abort(e);
            throw new InterruptedException("interrupted while reading " + uri);
        } catch (IOException e) {
            throw cause(e);
        }
    }

    /** What went wrong, as the checker reports it: a timeout, a refusal, DNS, TLS, a refused connection, or I/O. */
    private IOException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
                return timedOut();
            }
            if (t instanceof AddressPolicy.Refused || t instanceof UnknownHostException || t instanceof SSLException
                    || t instanceof ConnectException) {
                return (IOException) t;
            }
        }
        return failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
    }

    private HttpTimeoutException timedOut() {
        return new HttpTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the link checker's HTTP client", e);
        }
    }
}
