package org.firehub.tickets;

/** The state machine's answer to "may this person move this ticket there?". */
public sealed interface TransitionDecision {

    record Allowed() implements TransitionDecision {}

    /** No such step in the loop, whoever asks (e.g. OPEN → CLOSED). */
    record Illegal(String reason) implements TransitionDecision {}

    /** A legal step, but not for this person (e.g. the assignee verifying their own work). */
    record Forbidden(String reason) implements TransitionDecision {}

    default boolean allowed() {
        return this instanceof Allowed;
    }
}
