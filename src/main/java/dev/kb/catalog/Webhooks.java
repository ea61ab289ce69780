package dev.kb.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kb.common.InvalidInput;
import dev.kb.store.DeliveryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Push webhooks of GitHub and GitLab: checks that the forge sent them (GitHub's HMAC-SHA256 signature of the body,
 * GitLab's token; both compared in constant time with {@code KB_WEBHOOK_SECRET}), and finds the courses that follow
 * the pushed repository and ref. A delivery already accepted (by any kb process on the database) is not acted on
 * twice.
 */
public final class Webhooks {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Forge { GITHUB, GITLAB }

    /** One delivery as received: {@code credential} is GitHub's {@code X-Hub-Signature-256} or GitLab's token. */
    public record Delivery(Forge forge, String event, String deliveryId, String credential, byte[] body) {
    }

    /** {@code courses}: the courses to sync (202); empty with {@code status} pong, ignored or duplicate (200). */
    public record Outcome(String status, String message, List<String> courses) {
    }

    /** A delivery refused: 401 (not from the forge) or 404 (webhooks off, or no course follows the push). */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final String secret;
    private final Supplier<Collection<CourseSource>> sources;
    private final DeliveryStore deliveries;

    Webhooks(String secret, Supplier<Collection<CourseSource>> sources, DeliveryStore deliveries) {
        this.secret = secret == null || secret.isEmpty() ? null : secret;
        this.sources = sources;
        this.deliveries = deliveries;
    }

    public Outcome receive(Delivery d) {
        if (secret == null) {
            throw new Refused(404, "webhooks are off: kb was started without KB_WEBHOOK_SECRET");
        }
        if (!authentic(d)) {
            throw new Refused(401, d.forge() == Forge.GITHUB
                    ? "X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the body with the webhook secret"
                    : "X-Gitlab-Token is missing or is not the webhook secret");
        }
        String event = d.event() == null ? "" : d.event();
        if (d.forge() == Forge.GITHUB && event.equals("ping")) {
            return new Outcome("pong", "the webhook reaches kb", List.of());
        }
        boolean isPush = d.forge() == Forge.GITHUB ? event.equals("push")
                : event.equals("Push Hook") || event.equals("Tag Push Hook");
        if (!isPush) {
            return new Outcome("ignored", "kb follows push events only, not '" + event + "'", List.of());
        }
        Push push;
        try {
            push = Push.of(d);
        } catch (IOException e) {
            throw new InvalidInput("body", "the body is not the forge's JSON push payload");
        }
        List<String> courses = sources.get().stream()
                .filter(s -> s.isGit() && push.urls().contains(same(s.url()))
                        && follows(s.ref(), push.ref(), push.defaultBranch()))
                .map(CourseSource::id).sorted().toList();
        if (courses.isEmpty()) {
            throw new Refused(404, "no course follows " + (push.urls().isEmpty() ? "this repository"
                    : push.urls().get(0)) + " at " + (push.ref().isEmpty() ? "this ref" : push.ref()));
        }
        // Claimed in PostgreSQL: of the kb processes a forge (or a redelivery) reaches, the first one acts.
        if (d.deliveryId() != null && !deliveries.claim(d.forge().name().toLowerCase(Locale.ROOT), d.deliveryId())) {
            return new Outcome("duplicate", "delivery " + d.deliveryId() + " was accepted before", List.of());
        }
        return new Outcome("accepted", "syncing " + String.join(", ", courses), courses);
    }

    /**
     * Logs a delivery for each followed course of the repository it names, with what kb did ({@code result}:
     * accepted, duplicate, pong, ignored or refused) and the sync job each accepted course got: so a trainer sees
     * why a push did not arrive. A course of the repository that follows another ref is logged as ignored. A body
     * that does not name a followed repository is logged nowhere; a refused delivery's body is not the forge's
     * word, so at worst a stranger can add refused entries to a course's log, never change what kb does.
     */
    public void log(Delivery d, String result, String message, Map<String, String> jobs) {
        Push push;
        try {
            push = Push.of(d);
        } catch (IOException e) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String event = d.event() == null ? "" : d.event();
        for (CourseSource s : sources.get()) {
            if (!s.isGit() || !push.urls().contains(same(s.url()))) {
                continue;
            }
            boolean followed = jobs.containsKey(s.id());
            boolean otherRef = result.equals("accepted") && !followed;
            deliveries.log(s.id(), new DeliveryStore.Logged(now, d.forge().name().toLowerCase(Locale.ROOT),
                    d.deliveryId(), event, push.ref().isEmpty() ? null : push.ref(), push.commit(),
                    otherRef ? "ignored" : result,
                    otherRef ? "the course follows " + (s.ref() == null ? "the default branch" : s.ref()) : message,
                    jobs.get(s.id())));
        }
    }

    /** What a push payload says: the repository's URLs (compared {@link #same}), the ref and the commit pushed. */
    private record Push(List<String> urls, String ref, String defaultBranch, String commit) {
        static Push of(Delivery d) throws IOException {
            JsonNode body = JSON.readTree(d.body());
            if (body == null) {
                throw new IOException("no body");
            }
            JsonNode repo = d.forge() == Forge.GITHUB ? body.path("repository") : body.path("project");
            List<String> urls = new ArrayList<>();
            for (String field : d.forge() == Forge.GITHUB ? List.of("clone_url", "html_url", "ssh_url", "git_url")
                    : List.of("git_http_url", "web_url", "git_ssh_url", "http_url")) {
                if (repo.hasNonNull(field)) {
                    urls.add(same(repo.get(field).asText()));
                }
            }
            String commit = body.hasNonNull("checkout_sha") ? body.get("checkout_sha").asText()
                    : body.hasNonNull("after") ? body.get("after").asText() : null;
            return new Push(urls, body.path("ref").asText(""), repo.path("default_branch").asText(""), commit);
        }
    }

    private boolean authentic(Delivery d) {
        if (d.credential() == null) {
            return false;
        }
        byte[] expected;
        byte[] given;
        if (d.forge() == Forge.GITHUB) {
            expected = ("sha256=" + HexFormat.of().formatHex(hmac(d.body()))).getBytes(StandardCharsets.US_ASCII);
            given = d.credential().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        } else {
            expected = secret.getBytes(StandardCharsets.UTF_8);
            given = d.credential().getBytes(StandardCharsets.UTF_8);
        }
        // Constant time: how long the comparison takes tells nothing of how much of the value was right.
        return MessageDigest.isEqual(expected, given);
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Whether a push to {@code pushed} concerns a course following {@code ref} (null: the default branch). */
    private static boolean follows(String ref, String pushed, String defaultBranch) {
        if (ref == null) {
            return !defaultBranch.isEmpty() && pushed.equals("refs/heads/" + defaultBranch);
        }
        return pushed.equals(ref) || pushed.equals("refs/heads/" + ref) || pushed.equals("refs/tags/" + ref);
    }

    /** A repository URL reduced to host and path, so https, ssh and scp-like forms of one repository compare equal. */
    static String same(String url) {
        String s = GitUrls.withoutCredentials(url.strip()).toLowerCase(Locale.ROOT);
        s = s.replaceFirst("^[a-z+]+://", "").replaceFirst("^[^/@]+@", "");
        if (!url.contains("://")) {
            s = s.replaceFirst(":", "/");
        }
        s = s.replaceFirst("^([^/]+):\\d+/", "$1/").replaceAll("/+$", "");
        return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
    }
}
