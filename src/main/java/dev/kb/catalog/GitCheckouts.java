package dev.kb.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The git work of the catalog, with JGit (no git binary): asking a remote where a ref points (ls-remote), fetching
 * one commit into a working tree under the data directory (shallow unless the ref is a commit id), checking it
 * against the limits, and checking it out. A commit that fails a check is never checked out: the working tree stays
 * at the commit last indexed.
 */
final class GitCheckouts {
    private static final String FETCHED = "refs/kb/fetched";

    private final Path base;
    private final GitSettings settings;
    private final SshTransports ssh;

    GitCheckouts(Path base, GitSettings settings) {
        this.base = base;
        this.settings = settings;
        this.ssh = new SshTransports(settings.ssh());
    }

    /** Ends the ssh client (its threads and open sessions). */
    void close() {
        ssh.close();
    }

    Path workTree(String courseId) {
        return base.resolve(courseId);
    }

    /** Deletes the course's checkout (its working tree and fetched objects), if there is one. */
    void delete(String courseId) {
        Path dir = workTree(courseId);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            // The walk does not follow symbolic links: a link in the course leading out of it is deleted, not
            // what it leads to.
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file,
                                                               BasicFileAttributes attrs)
                        throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("deleting the checkout of " + courseId + " failed", e);
        }
    }

    /** Where the source's ref points on the remote now: one cheap exchange, nothing downloaded. */
    RemoteRef remote(CourseSource source) {
        return run(source, () -> RemoteRef.resolve(source.ref(), advertised(source)));
    }

    /**
     * Fetches the source's ref and checks its commit out, unless it fails a check. {@code indexed}: the commit the
     * course's data was indexed from (null: none), which the checkout's changed files are counted from.
     */
    Checkout update(CourseSource source, String indexed) {
        return run(source, () -> {
            RemoteRef remote = RemoteRef.resolve(source.ref(), advertised(source));
            Path dir = workTree(source.id());
            try (Git git = open(dir)) {
                Repository repo = git.getRepository();
                ObjectId target = fetch(git, source, remote);
                try (RevWalk walk = new RevWalk(repo)) {
                    RevCommit commit = walk.parseCommit(target);
                    checkTree(repo, commit, source.subdir());
                    ObjectId previous = repo.resolve(Constants.HEAD + "^{commit}");
                    git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
                    git.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
                    // The diff speaks for the indexed data only when the working tree was at the indexed
                    // commit: after a checkout whose index failed (or a run of another kb on the database) it
                    // may not have been, and every file is compared by its hash instead.
                    List<String> changed = previous == null || !previous.name().equals(indexed) ? null
                            : changed(repo, previous, commit, source.subdir());
                    Path root = source.subdir() == null ? dir : dir.resolve(source.subdir());
                    return new Checkout(root, describe(commit), remote.name(), changed);
                }
            }
        });
    }

    private Map<String, Ref> advertised(CourseSource source) throws GitAPIException {
        return Git.lsRemoteRepository().setRemote(source.url()).setCredentialsProvider(credentials(source))
                .setTransportConfigCallback(ssh).setTimeout(timeoutSeconds()).callAsMap();
    }

    private ObjectId fetch(Git git, CourseSource source, RemoteRef remote) throws GitAPIException, IOException {
        FetchCommand fetch = git.fetch().setRemote(source.url()).setCredentialsProvider(credentials(source))
                .setTransportConfigCallback(ssh).setTimeout(timeoutSeconds()).setTagOpt(TagOpt.NO_TAGS).setRemoveDeletedRefs(true);
        if (!remote.isCommit()) {
            // One commit, without history: a course needs its files, not how they came to be.
            fetch.setRefSpecs(new RefSpec("+" + remote.name() + ":" + FETCHED)).setDepth(1).call();
            ObjectId id = git.getRepository().resolve(FETCHED + "^{commit}");
            if (id == null) {
                throw new GitFailure("ref '" + remote.name() + "' does not lead to a commit");
            }
            return id;
        }
        // A commit named by its id: servers need not let one fetch an object by id, so fetch the branches and tags
        // (whole) and look for it among them.
        fetch.setRefSpecs(new RefSpec("+refs/heads/*:refs/kb/heads/*"), new RefSpec("+refs/tags/*:refs/kb/tags/*"))
                .call();
        ObjectId id = git.getRepository().resolve(remote.commitPrefix() + "^{commit}");
        if (id == null) {
            throw new GitFailure("commit " + remote.commitPrefix() + " is on no branch or tag of the remote");
        }
        return id;
    }

    private Git open(Path dir) throws IOException, GitAPIException {
        if (Files.isDirectory(dir.resolve(".git"))) {
            return Git.open(dir.toFile());
        }
        Files.createDirectories(dir);
        return Git.init().setDirectory(dir.toFile()).call();
    }

    /** The commit's files against the limits, and its subdirectory: present, a folder, no link out of the tree. */
    private void checkTree(Repository repo, RevCommit commit, String subdir) throws IOException {
        long bytes = 0;
        int files = 0;
        boolean subdirFound = subdir == null;
        try (TreeWalk walk = new TreeWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            walk.addTree(commit.getTree());
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                if (subdir != null && (subdir.equals(path) || subdir.startsWith(path + "/"))) {
                    if (walk.getFileMode(0) == FileMode.SYMLINK) {
                        throw new GitFailure("subdir '" + subdir + "' is a symbolic link at commit " + abbrev(commit)
                                + ": it could lead out of the repository");
                    }
                    subdirFound |= subdir.equals(path) && walk.isSubtree();
                }
                if (walk.isSubtree()) {
                    walk.enterSubtree();
                    continue;
                }
                if (walk.getFileMode(0) == FileMode.GITLINK) {
                    continue;
                }
                files++;
                bytes += reader.getObjectSize(walk.getObjectId(0), Constants.OBJ_BLOB);
                if (files > settings.maxFiles()) {
                    throw new GitFailure("commit " + abbrev(commit) + " has more than " + settings.maxFiles()
                            + " files, the limit (--git-max-files)");
                }
                if (bytes > settings.maxBytes()) {
                    throw new GitFailure("commit " + abbrev(commit) + " holds more than " + settings.maxBytes()
                            + " bytes, the limit (--git-max-bytes)");
                }
            }
        }
        if (!subdirFound) {
            throw new GitFailure("subdir '" + subdir + "' is no folder at commit " + abbrev(commit));
        }
    }

    /**
     * The course files the diff from the previous commit touched (both sides of a rename), relative to subdir; null
     * when the previous commit is no longer in the repository (the checkout was made again) or attributes changed.
     * A tree diff needs no common history, so a force-push is diffed too.
     */
    private static List<String> changed(Repository repo, ObjectId previous, RevCommit commit, String subdir)
            throws IOException {
        if (!repo.getObjectDatabase().has(previous)) {
            return null;
        }
        List<String> paths = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(walk.parseCommit(previous).getTree());
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            String prefix = subdir == null ? "" : subdir + "/";
            for (DiffEntry d : DiffEntry.scan(tree)) {
                if (d.getOldPath().endsWith(".gitattributes") || d.getNewPath().endsWith(".gitattributes")) {
                    return null; // attributes change how unchanged blobs are checked out (line endings, filters)
                }
                for (String p : new String[] {d.getOldPath(), d.getNewPath()}) {
                    if (!p.equals(DiffEntry.DEV_NULL) && p.startsWith(prefix) && !paths.contains(p.substring(prefix.length()))) {
                        paths.add(p.substring(prefix.length()));
                    }
                }
            }
        }
        return paths;
    }

    static Commit describe(RevCommit commit) {
        String message = commit.getShortMessage();
        OffsetDateTime date = OffsetDateTime.ofInstant(Instant.ofEpochSecond(commit.getCommitTime()), ZoneOffset.UTC);
        return new Commit(commit.name(), date, message.length() > 200 ? message.substring(0, 200) : message);
    }

    private CredentialsProvider credentials(CourseSource source) {
        return settings.token() != null && GitUrls.isHttp(source.url())
                ? new UsernamePasswordCredentialsProvider(settings.username(), settings.token()) : null;
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, settings.timeout().toSeconds());
    }

    private static String abbrev(ObjectId id) {
        return id.name().substring(0, 12);
    }

    private interface GitWork<T> {
        T call() throws GitAPIException, IOException;
    }

    /** Runs git work, turning every failure into one line without credentials. */
    private <T> T run(CourseSource source, GitWork<T> work) {
        try {
            return work.call();
        } catch (GitFailure e) {
            throw e;
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new GitFailure(clean(keyProblem(source) + message(e), source));
        }
    }

    /**
     * Why the key file cannot be opened, before the failure's own message: JGit logs that and goes on to the server's
     * "no more keys to try", which does not say what to do. Empty for a non-ssh remote or a key kb can open.
     */
    private String keyProblem(CourseSource source) {
        if (settings.ssh() == null || settings.ssh().key() == null || !GitUrls.isSsh(source.url())) {
            return "";
        }
        String problem = SshKeys.problem(settings.ssh().key(), settings.ssh().passphrase());
        return problem == null ? "" : problem + ": ";
    }

    private static String replaceNonNull(String text, Path path, String by) {
        return path == null ? text : text.replace(path.toString(), by);
    }

    private static String message(Throwable e) {
        String text = null;
        for (Throwable t = e; t != null && text == null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                text = t.getMessage();
            }
        }
        return text == null ? e.getClass().getSimpleName() : text;
    }

    private String clean(String text, CourseSource source) {
        String s = text.replace(source.url(), GitUrls.withoutCredentials(source.url()));
        s = GitUrls.withoutCredentials(s.replaceAll("(?<=://)[^/@\\s]*@", ""));
        if (settings.token() != null) {
            s = s.replace(settings.token(), "***");
        }
        if (settings.ssh() != null) {
            // Course errors are public: they name no server paths.
            s = replaceNonNull(replaceNonNull(s, settings.ssh().key(), "the key file (KB_GIT_SSH_KEY)"),
                    settings.ssh().knownHosts(), "the known hosts (KB_GIT_KNOWN_HOSTS)");
        }
        s = s.replaceAll("\\s+", " ").strip();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
