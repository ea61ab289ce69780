package dev.kb.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Local repositories for measuring the catalog ({@code kb bench catalog}): a bare repository made from a course
 * directory, reached by its file:// URL, and a working repository beside it that commits and pushes a change, as a
 * trainer's push does. Here because the catalog is the only code that speaks git.
 */
public final class LocalRepositories {
    private static final PersonIdent BENCH = new PersonIdent("kb bench", "bench@kb.invalid");

    private LocalRepositories() {
    }

    /**
     * Makes {@code bare} (branch main) with one commit holding the files already in {@code work} (a course copied
     * there), committed from {@code work}, which becomes a working repository pushing to it.
     *
     * @return the bare repository's file:// URL
     */
    public static String create(Path work, Path bare) {
        try {
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("the course").setAuthor(BENCH).setCommitter(BENCH).call();
                push(git, bare);
            }
            return bare.toUri().toString();
        } catch (GitAPIException e) {
            throw new IllegalStateException("making the repository " + bare + " failed: " + e.getMessage(), e);
        }
    }

    /** Writes one file of {@code work}, commits it and pushes to {@code bare}: one trainer's push. */
    public static void commitAndPush(Path work, Path bare, String path, String text) {
        try (Git git = Git.open(work.toFile())) {
            Files.writeString(work.resolve(path), text);
            git.add().addFilepattern(path).call();
            git.commit().setMessage("change " + path).setAuthor(BENCH).setCommitter(BENCH).call();
            push(git, bare);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("pushing to " + bare + " failed: " + e.getMessage(), e);
        }
    }

    private static void push(Git git, Path bare) throws GitAPIException {
        git.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
                .call();
    }
}
