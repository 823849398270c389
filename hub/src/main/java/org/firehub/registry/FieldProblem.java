package org.firehub.registry;

/** Why one field of a request is unacceptable, e.g. {@code grid: must match [A-Za-z0-9_-]{1,64}}. */
public record FieldProblem(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
