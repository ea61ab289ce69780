package dev.kb.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;

/**
 * The passphrase of a protected key file ({@code KB_GIT_SSH_PASSPHRASE}): checked once at start, so that a key kb
 * cannot open is refused there in one line rather than failing every fetch later with the server's "no more
 * authentication methods". No ssh-agent: kb runs unattended, and a key file with its passphrase in the environment
 * (or a secret store's file) is what a deploy key needs.
 */
public final class SshKeys {
    static final String NEEDS_PASSPHRASE = "the key file (KB_GIT_SSH_KEY) is protected by a passphrase: set "
            + "KB_GIT_SSH_PASSPHRASE";
    static final String WRONG_PASSPHRASE = "KB_GIT_SSH_PASSPHRASE does not open the key file (KB_GIT_SSH_KEY)";

    private SshKeys() {
    }

    /**
     * Why kb could not open the key file with this passphrase (null or empty: none), in one line; null when it
     * can, or when the file is no key sshd reads (that is for the fetch to say: the server may take it all the same).
     */
    public static String problem(Path key, String passphrase) {
        String given = passphrase == null || passphrase.isEmpty() ? null : passphrase;
        AtomicBoolean asked = new AtomicBoolean();
        FilePasswordProvider provider = (session, resource, retry) -> {
            asked.set(true);
            if (given == null) {
                throw new IOException(NEEDS_PASSPHRASE);
            }
            return given;
        };
        try (InputStream in = Files.newInputStream(key)) {
            SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("KB_GIT_SSH_KEY"), in, provider);
            return null;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (!asked.get()) {
                return null;
            }
            return given == null ? NEEDS_PASSPHRASE : WRONG_PASSPHRASE;
        }
    }

    /** JGit's side: the configured passphrase, asked once; none configured fails the fetch saying so. */
    static KeyPasswordProvider provider(String passphrase) {
        return new KeyPasswordProvider() {
            @Override
            public char[] getPassphrase(URIish uri, int attempt) throws IOException {
                if (passphrase == null) {
                    throw new IOException(NEEDS_PASSPHRASE);
                }
                return passphrase.toCharArray();
            }

            @Override
            public void setAttempts(int maxNumberOfAttempts) {
                // One attempt: the passphrase does not change between them.
            }

            @Override
            public int getAttempts() {
                return 1;
            }

            @Override
            public boolean keyLoaded(URIish uri, int attempt, Exception error) throws IOException {
                if (error != null) {
                    throw new IOException(WRONG_PASSPHRASE, error);
                }
                return false;
            }
        };
    }
}
