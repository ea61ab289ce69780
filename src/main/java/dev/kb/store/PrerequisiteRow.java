package dev.kb.store;

/**
 * "Teach {@code fromId} before {@code toId}", with why. A dropped edge would have closed a cycle and is kept
 * so the reason can be reported.
 */
public record PrerequisiteRow(String fromId, String toId, String kind, double weight, String evidence,
                              boolean dropped, String dropReason) {
}
