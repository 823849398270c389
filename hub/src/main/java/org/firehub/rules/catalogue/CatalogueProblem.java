package org.firehub.rules.catalogue;

/** One thing wrong in a rule catalogue, where it is (1-based line and column) and what is wrong. */
public record CatalogueProblem(int line, int column, String message) {
    /** {@code config/rules.yaml:12:7: unknown key 'rasie_at'}: the form compilers and editors understand. */
    public String describe(String file) {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
