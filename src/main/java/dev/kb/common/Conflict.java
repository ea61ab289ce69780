package dev.kb.common;

/** A request that contradicts what kb already holds (an id taken by something else); the message says what. */
public final class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
