package org.firehub.registry;

import java.util.List;

/** A CSV file refused whole (HTTP 422): nothing was imported; every bad line is named. */
public final class ImportRejected extends RuntimeException {
    private final List<LineProblem> problems;

    public ImportRejected(List<LineProblem> problems) {
        super("import refused, nothing imported: " + problems.size() + " problem(s), first: "
                + (problems.isEmpty() ? "none" : problems.getFirst()), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<LineProblem> problems() {
        return problems;
    }
}
