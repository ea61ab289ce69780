package dev.kb.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A bare repository served over ssh (Apache MINA sshd running JGit's upload-pack), letting in one public key only,
 * as a forge does for a deploy key. {@link #clientKey} writes a key pair the server accepts, {@link #knownHosts} a
 * known_hosts file naming the server's host key.
 */
public final class GitSshServer implements AutoCloseable {
    private final SshServer sshd;
    private final Repository repo;
    private final KeyPair hostKey;
    private final KeyPair clientKey;

    private GitSshServer(Path bare) throws IOException, GeneralSecurityException {
        this.repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
        this.hostKey = rsa();
        this.clientKey = rsa();
        this.sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
        sshd.setCommandFactory((channel, command) -> new UploadPackCommand());
        sshd.start();
    }

    public static GitSshServer serve(Path bare) {
        try {
            return new GitSshServer(bare);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    public String url() {
        return "ssh://git@127.0.0.1:" + sshd.getPort() + "/course.git";
    }

    /** Writes the private key the server lets in (OpenSSH format, no passphrase) to {@code file}. */
    public Path clientKey(Path file) {
        return writeKey(clientKey, file);
    }

    /**
     * Writes the private key the server lets in, protected by {@code passphrase} (OpenSSH format, AES-256-CTR with a
     * bcrypt-derived key, as {@code ssh-keygen -p} writes it) to {@code file}.
     */
    public Path clientKey(Path file, String passphrase) {
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        encryption.setCipherMode("CTR");
        encryption.setPassword(passphrase);
        return writeKey(clientKey, file, encryption);
    }

    /** Writes a private key the server does not know to {@code file}. */
    public static Path otherKey(Path file) {
        try {
            return writeKey(rsa(), file);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writeKey(KeyPair pair, Path file) {
        return writeKey(pair, file, null);
    }

    private static Path writeKey(KeyPair pair, Path file, OpenSSHKeyEncryptionContext encryption) {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "kb-test", encryption, out);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a known_hosts file naming this server with its host key (or another key, when {@code wrong}). */
    public Path knownHosts(Path file, boolean wrong) {
        try {
            PublicKey key = wrong ? rsa().getPublic() : hostKey.getPublic();
            Files.writeString(file, "[127.0.0.1]:" + sshd.getPort() + " " + PublicKeyEntry.toString(key) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code git-upload-pack '/course.git'}: the one repository, whatever path is asked for. */
    private final class UploadPackCommand implements Command {
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread thread = new Thread(() -> {
                int status = 0;
                try {
                    new UploadPack(repo).upload(in, out, err);
                    out.flush();
                } catch (IOException e) {
                    status = 1;
                }
                exit.onExit(status);
            }, "test-ssh-upload-pack");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            repo.close();
        }
    }
}
