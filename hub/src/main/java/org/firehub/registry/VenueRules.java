package org.firehub.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a venue's fields must look like: the same limits as the {@code venues} table's checks,
 * said in words an operator can act on. Used by the REST API and the CSV import alike.
 */
final class VenueRules {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern GRID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private VenueRules() {}

    static List<FieldProblem> check(NewVenue venue) {
        List<FieldProblem> problems = new ArrayList<>();
        text(problems, "name", venue.name(), 200);
        text(problems, "address", venue.address(), 500);
        pattern(problems, "type", venue.type(), TYPE, "lower-case letters, digits and _ starting with a letter, e.g. 'restaurant'");
        pattern(problems, "grid", venue.grid(), GRID, "letters, digits, _ or -, at most 64, e.g. 'G-07'");
        return problems;
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (value.length() > max) {
            problems.add(new FieldProblem(field, "is " + value.length() + " characters long; at most " + max));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem(field, "contains control characters"));
        }
    }

    private static void pattern(List<FieldProblem> problems, String field, String value, Pattern pattern, String expected) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (!pattern.matcher(value).matches()) {
            problems.add(new FieldProblem(field, "'" + abbreviate(value) + "' is not valid: use " + expected));
        }
    }

    static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
