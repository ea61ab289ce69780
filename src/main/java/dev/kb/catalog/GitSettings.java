package dev.kb.catalog;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How kb reaches course repositories, from the environment and flags (the CLI builds it; no code here reads the
 * environment).
 *
 * @param token    sent as the password of https fetches ({@code KB_GIT_TOKEN}); null for none
 * @param username the user name sent with the token ({@code KB_GIT_USERNAME}, default {@code oauth2}: GitLab wants
 *                 it, GitHub takes any)
 * @param maxBytes a commit whose files hold more bytes is refused (the course keeps its last indexed commit)
 * @param maxFiles a commit with more files is refused
 * @param poll     how often a git course is asked for a new commit unless its catalog entry says; zero: never
 * @param timeout  of one network exchange with a remote
 * @param webhookSecret {@code KB_WEBHOOK_SECRET}: GitHub's HMAC key, GitLab's token; null: webhooks off
 * @param ssh      the private key and known hosts of ssh remotes; null: those of the user's ~/.ssh
 */
public record GitSettings(String token, String username, long maxBytes, int maxFiles, Duration poll,
                          Duration timeout, String webhookSecret, Ssh ssh) {
    public static final GitSettings DEFAULT = new GitSettings(null, "oauth2", 512L * 1024 * 1024, 50_000,
            Duration.ofMinutes(5), Duration.ofSeconds(60), null, null);

    /**
     * @param key        a private key file ({@code KB_GIT_SSH_KEY}), the only identity offered
     * @param knownHosts the known_hosts file the servers' keys are checked against ({@code KB_GIT_KNOWN_HOSTS},
     *                   default ~/.ssh/known_hosts): a server not in it is refused
     * @param passphrase what opens the key file when it is protected ({@code KB_GIT_SSH_PASSPHRASE}); null: none
     */
    public record Ssh(Path key, Path knownHosts, String passphrase) {
        @Override
        public String toString() {
            // Like the token, the passphrase never reaches a log line.
            return "Ssh[key=" + key + ", knownHosts=" + knownHosts + ", passphrase="
                    + (passphrase == null ? "none" : "***") + "]";
        }
    }

    public GitSettings withWebhookSecret(String secret) {
        return new GitSettings(token, username, maxBytes, maxFiles, poll, timeout,
                secret == null || secret.isEmpty() ? null : secret, ssh);
    }

    public GitSettings withLimits(long bytes, int files) {
        return new GitSettings(token, username, bytes, files, poll, timeout, webhookSecret, ssh);
    }

    public GitSettings withPoll(Duration every) {
        return new GitSettings(token, username, maxBytes, maxFiles, every, timeout, webhookSecret, ssh);
    }

    public GitSettings withToken(String user, String secret) {
        return new GitSettings(secret == null || secret.isBlank() ? null : secret,
                user == null || user.isBlank() ? "oauth2" : user, maxBytes, maxFiles, poll, timeout, webhookSecret,
                ssh);
    }

    /** The key file for ssh remotes (null: the user's ~/.ssh identities) and the known_hosts (null: the user's). */
    public GitSettings withSshKey(Path key, Path knownHosts) {
        return withSshKey(key, knownHosts, null);
    }

    /** {@link #withSshKey(Path, Path)} with the passphrase of a protected key file (null or empty: none). */
    public GitSettings withSshKey(Path key, Path knownHosts, String passphrase) {
        return new GitSettings(token, username, maxBytes, maxFiles, poll, timeout, webhookSecret,
                key == null && knownHosts == null ? null
                        : new Ssh(key, knownHosts, passphrase == null || passphrase.isEmpty() ? null : passphrase));
    }

    @Override
    public String toString() {
        // The token never reaches a log line, not even through a record's toString.
        return "GitSettings[token=" + (token == null ? "none" : "***") + ", webhookSecret="
                + (webhookSecret == null ? "none" : "***") + ", maxBytes=" + maxBytes + ", maxFiles="
                + maxFiles + ", poll=" + poll + ", ssh=" + ssh + "]";
    }
}
