package dev.kb.model;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The files a scan found, by course-relative path: what a local link can point at. */
public final class CourseFiles {
    private final Set<String> documents;
    private final Set<String> assets;
    private final Set<String> directories = new HashSet<>();

    public CourseFiles(Set<String> documents, Set<String> assets) {
        this.documents = Set.copyOf(documents);
        this.assets = Set.copyOf(assets);
        for (Set<String> paths : java.util.List.of(this.documents, this.assets)) {
            for (String path : paths) {
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    directories.add(path.substring(0, slash));
                }
            }
        }
        directories.add("");
    }

    public boolean isDocument(String path) {
        return documents.contains(path);
    }

    /**
     * The existing file a local target names: the file itself, or for a directory its README.md,
     * the way GitHub shows a folder.
     */
    public Optional<String> existing(String targetPath) {
        if (targetPath == null) {
            return Optional.empty();
        }
        if (documents.contains(targetPath) || assets.contains(targetPath)) {
            return Optional.of(targetPath);
        }
        if (directories.contains(targetPath)) {
            String readme = targetPath.isEmpty() ? "README.md" : targetPath + "/README.md";
            if (documents.contains(readme)) {
                return Optional.of(readme);
            }
        }
        return Optional.empty();
    }

    public Set<String> documents() {
        return documents;
    }

    public Set<String> assets() {
        return assets;
    }
}
