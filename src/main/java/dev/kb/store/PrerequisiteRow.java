package dev.kb.store;

import java.util.List;

/**
 * "Teach {@code fromId} before {@code toId}", with every reason found for it, strongest first; {@code kind} is
 * the strongest reason's and {@code weight} their sum (at most 1). A dropped edge would have closed a cycle and
 * is kept so the reason can be reported.
 */
public record PrerequisiteRow(String fromId, String toId, String kind, double weight, List<Reason> reasons,
                              boolean dropped, String dropReason) {

    /** One piece of evidence: its kind (declared, sequence, agenda, mention, link), weight and a readable detail. */
    public record Reason(String kind, double weight, String detail) {
    }

    /** The reasons as one sentence, for clients that show a single line. */
    public String evidence() {
        return String.join("; ", reasons.stream().map(Reason::detail).toList());
    }
}
