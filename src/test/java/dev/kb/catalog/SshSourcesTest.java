package dev.kb.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.BareRepo;
import dev.kb.testing.GitSshServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A course from an ssh remote with the key file of KB_GIT_SSH_KEY: fetched with that key, checked against the
 * known_hosts file; another key or a server whose host key is not the known one fails the fetch (the course keeps
 * its last indexed commit).
 */
class SshSourcesTest extends CatalogTestApp {
    private static final String AGENDA = "# Ssh Course\n\n## Days\n\n- Basics\n  - [Intro](intro.md)\n";

    @Test
    void a_course_is_fetched_over_ssh_with_the_key_file_and_a_wrong_key_or_host_is_refused() {
        BareRepo repo = BareRepo.create(tmp, "ssh");
        String first = repo.commit("first", Map.of("README.md", AGENDA, "intro.md", "# Intro\n\nOver ssh.\n"));
        repo.push("refs/heads/main");
        try (GitSshServer server = GitSshServer.serve(repo.bare())) {
            GitSettings keyed = GitSettings.DEFAULT.withSshKey(server.clientKey(tmp.resolve("id_rsa")),
                    server.knownHosts(tmp.resolve("known_hosts"), false));
            CatalogService catalog = open(keyed);

            SyncResult fetched = catalog.add(CourseSource.git("ssh", server.url(), "main", null, null));

            assertThat(fetched.outcome()).as(fetched.error()).isEqualTo(SyncResult.Outcome.INDEXED);
            assertThat(course("ssh").getString("source.commit.sha")).isEqualTo(first);
            assertThat(course("ssh").getString("source.url")).isEqualTo(server.url());
            close();

            repo.commit("second", Map.of("more.md", "# More\n\nNot yet.\n"));
            repo.push("refs/heads/main");
            CatalogService otherKey = reopen(server.url(), GitSettings.DEFAULT.withSshKey(
                    GitSshServer.otherKey(tmp.resolve("other_rsa")), tmp.resolve("known_hosts")));
            SyncResult refusedKey = otherKey.poll("ssh");
            assertThat(refusedKey.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
            assertThat(refusedKey.error()).as("errors are public: no server paths").doesNotContain(tmp.toString())
                    .contains("KB_GIT_SSH_KEY");
            assertThat(course("ssh").getString("source.commit.sha")).isEqualTo(first);
            close();

            CatalogService unknownHost = reopen(server.url(), GitSettings.DEFAULT.withSshKey(tmp.resolve("id_rsa"),
                    server.knownHosts(tmp.resolve("wrong_hosts"), true)));
            SyncResult refusedHost = unknownHost.poll("ssh");
            assertThat(refusedHost.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
            assertThat(course("ssh").getString("source.lastFetch.error")).isNotBlank();
        }
    }

    @Test
    void a_key_file_with_a_passphrase_is_opened_with_KB_GIT_SSH_PASSPHRASE_and_refused_in_one_line_without() {
        BareRepo repo = BareRepo.create(tmp, "locked");
        String first = repo.commit("first", Map.of("README.md", AGENDA, "intro.md", "# Intro\n\nLocked key.\n"));
        repo.push("refs/heads/main");
        try (GitSshServer server = GitSshServer.serve(repo.bare())) {
            Path key = server.clientKey(tmp.resolve("id_locked"), "correct horse");
            Path knownHosts = server.knownHosts(tmp.resolve("known_hosts"), false);

            // At start (kb serve): the key is checked before anything is fetched, and refused in one line.
            assertThat(SshKeys.problem(key, "correct horse")).isNull();
            assertThat(SshKeys.problem(key, null)).isEqualTo("the key file (KB_GIT_SSH_KEY) is protected by a "
                    + "passphrase: set KB_GIT_SSH_PASSPHRASE");
            assertThat(SshKeys.problem(key, "wrong")).isEqualTo("KB_GIT_SSH_PASSPHRASE does not open the key file "
                    + "(KB_GIT_SSH_KEY)");
            assertThat(SshKeys.problem(server.clientKey(tmp.resolve("id_open")), null)).isNull();

            CatalogService catalog = open(GitSettings.DEFAULT.withSshKey(key, knownHosts, "correct horse"));
            SyncResult fetched = catalog.add(CourseSource.git("ssh", server.url(), "main", null, null));
            assertThat(fetched.outcome()).as(fetched.error()).isEqualTo(SyncResult.Outcome.INDEXED);
            assertThat(course("ssh").getString("source.commit.sha")).isEqualTo(first);
            close();

            // Past the start check (no passphrase given): the fetch fails and the course keeps its commit.
            repo.commit("second", Map.of("more.md", "# More\n\nNot yet.\n"));
            repo.push("refs/heads/main");
            SyncResult locked = reopen(server.url(), GitSettings.DEFAULT.withSshKey(key, knownHosts)).poll("ssh");
            assertThat(locked.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
            assertThat(locked.error()).startsWith("the key file (KB_GIT_SSH_KEY) is protected by a passphrase: set "
                    + "KB_GIT_SSH_PASSPHRASE").doesNotContain(tmp.toString());
            assertThat(course("ssh").getString("source.commit.sha")).isEqualTo(first);
        }
    }

    /** kb again on the same database and data directory, following the ssh course with other settings. */
    private CatalogService reopen(String url, GitSettings settings) {
        CatalogService catalog = restartWith(settings);
        catalog.follow(CourseSource.git("ssh", url, "main", null, null));
        return catalog;
    }
}
