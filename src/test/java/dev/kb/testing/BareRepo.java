package dev.kb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/** A local bare repository (reached by a file:// URL) and a working clone the test commits and pushes from. */
public final class BareRepo implements AutoCloseable {
    private final Path bare;
    private final Path work;
    private final Git git;

    private BareRepo(Path bare, Path work, Git git) {
        this.bare = bare;
        this.work = work;
        this.git = git;
    }

    public static BareRepo create(Path parent, String name) {
        try {
            Path bare = parent.resolve(name + ".git");
            Path work = parent.resolve(name + "-work");
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call();
            return new BareRepo(bare, work, git);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return bare.toUri().toString();
    }

    public Path bare() {
        return bare;
    }

    /** Writes the files (null content deletes one), commits on the current branch and returns the commit id. */
    public String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = work.resolve(f.getKey());
                if (f.getValue() == null) {
                    Files.deleteIfExists(file);
                    git.rm().addFilepattern(f.getKey()).call();
                } else {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, f.getValue());
                    git.add().addFilepattern(f.getKey()).call();
                }
            }
            PersonIdent who = new PersonIdent("Trainer", "trainer@example.org");
            RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
            return c.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void checkoutNewBranch(String branch) {
        try {
            git.checkout().setCreateBranch(true).setName(branch).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the current branch to {@code commit} (dropping what came after), as before a force-push. */
    public void resetHard(String commit) {
        try {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(commit).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pushes (forced) a local ref to the bare repository: {@code refs/heads/main}, {@code refs/tags/v1}. */
    public void push(String ref) {
        try {
            git.push().setRemote(url()).setRefSpecs(new RefSpec("+" + ref + ":" + ref)).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(true).setMessage("release " + name).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void deleteRemoteBranch(String branch) {
        try (Git remote = Git.open(bare.toFile())) {
            remote.branchDelete().setBranchNames(branch).setForce(true).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
