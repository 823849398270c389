package org.firehub.registry;

import java.util.List;
import java.util.stream.Collectors;

/** A request with unacceptable fields (HTTP 400); names every bad field. */
public final class InvalidInput extends RuntimeException {
    private final List<FieldProblem> problems;

    public InvalidInput(List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public static InvalidInput of(String field, String reason) {
        return new InvalidInput(List.of(new FieldProblem(field, reason)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
