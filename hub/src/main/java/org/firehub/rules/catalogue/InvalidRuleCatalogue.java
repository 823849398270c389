package org.firehub.rules.catalogue;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule catalogue refused whole. The message names the file, and the line and column of every
 * problem found (at most {@link #MAX_LISTED} are listed), so an operator can fix them all at once.
 */
public final class InvalidRuleCatalogue extends Exception {
    static final int MAX_LISTED = 20;

    private final String file;
    private final List<CatalogueProblem> problems;

    public InvalidRuleCatalogue(String file, List<CatalogueProblem> problems) {
        super(describe(file, problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("an invalid catalogue needs at least one problem");
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<CatalogueProblem> problems() {
        return problems;
    }

    /** The first problem as {@code file:line:col: message}: what a one-line status shows. */
    public String firstProblem() {
        return problems.getFirst().describe(file);
    }

    private static String describe(String file, List<CatalogueProblem> problems) {
        String listed = problems.stream().limit(MAX_LISTED).map(p -> p.describe(file)).collect(Collectors.joining("\n  "));
        String more = problems.size() > MAX_LISTED ? "\n  ... and " + (problems.size() - MAX_LISTED) + " more" : "";
        return "rule catalogue " + file + " refused (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  " + listed + more;
    }
}
