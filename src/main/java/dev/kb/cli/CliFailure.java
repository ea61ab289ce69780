package dev.kb.cli;

/** A failure whose message is complete as one line for the person at the terminal. */
final class CliFailure extends RuntimeException {
    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
