package org.firehub.registry;

/** Why one line of an imported CSV file is unacceptable; line 1 is the header. */
public record LineProblem(int line, String reason) {
    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
