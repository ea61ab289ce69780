package dev.kb.catalog;

import java.io.File;
import java.util.List;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * The ssh side of fetching (Apache MINA sshd through JGit). With a key file ({@code KB_GIT_SSH_KEY}) that key is the
 * only identity offered (opened with {@code KB_GIT_SSH_PASSPHRASE} when protected, see {@link SshKeys}) and
 * ~/.ssh/config is not read, so what kb does does not depend on the account it runs
 * under; servers are checked against the known_hosts file, and one not in it is refused (there is nobody to ask).
 * Without settings JGit's default applies: the user's ~/.ssh keys, config and known_hosts.
 */
final class SshTransports implements TransportConfigCallback, AutoCloseable {
    private final SshdSessionFactory factory;

    SshTransports(GitSettings.Ssh ssh) {
        if (ssh == null) {
            factory = null;
            return;
        }
        File home = FS.DETECTED.userHome();
        SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder().setHomeDirectory(home)
                .setSshDirectory(new File(home, ".ssh"));
        if (ssh.key() != null) {
            builder.setDefaultIdentities(dir -> List.of(ssh.key())).setPreferredAuthentications("publickey")
                    .setConfigFile(dir -> null)
                    .setKeyPasswordProvider(credentials -> SshKeys.provider(ssh.passphrase()));
        }
        if (ssh.knownHosts() != null) {
            builder.setDefaultKnownHostsFiles(dir -> List.of(ssh.knownHosts()));
        }
        factory = builder.build(new JGitKeyCache());
    }

    @Override
    public void configure(Transport transport) {
        if (factory != null && transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(factory);
        }
    }

    @Override
    public void close() {
        if (factory != null) {
            factory.close();
        }
    }
}
