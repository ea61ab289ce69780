package dev.kb.catalog;

import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * A source's ref as the remote advertises it: {@code name} the full ref (null for a commit named by its id) and
 * {@code commit} what it points at now (null for an abbreviated commit id, which only a fetch resolves).
 */
record RemoteRef(String name, ObjectId commit, String commitPrefix) {
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{7,40}");

    boolean isCommit() {
        return name == null;
    }

    /** Finds the ref among the remote's advertised refs (an ls-remote); a ref that is not there fails. */
    static RemoteRef resolve(String ref, Map<String, Ref> advertised) {
        if (ref == null) {
            Ref head = advertised.get(Constants.HEAD);
            if (head == null || head.getObjectId() == null) {
                throw new GitFailure("the remote has no HEAD (an empty repository?); name a branch or tag as ref");
            }
            String name = head.isSymbolic() ? head.getTarget().getName() : Constants.HEAD;
            return new RemoteRef(name, head.getObjectId(), null);
        }
        for (String name : new String[] {ref, Constants.R_HEADS + ref, Constants.R_TAGS + ref}) {
            Ref found = advertised.get(name);
            if (found != null && found.getObjectId() != null && (name.startsWith("refs/") || name.equals(ref)
                    && ref.equals(Constants.HEAD))) {
                ObjectId peeled = found.getPeeledObjectId();
                return new RemoteRef(name, peeled != null ? peeled : found.getObjectId(), null);
            }
        }
        if (COMMIT_ID.matcher(ref).matches()) {
            String lower = ref.toLowerCase(java.util.Locale.ROOT);
            return new RemoteRef(null, lower.length() == 40 ? ObjectId.fromString(lower) : null, lower);
        }
        throw new GitFailure("ref '" + ref + "' is not on the remote (no such branch or tag: deleted?)");
    }
}
