package org.firehub.people.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.firehub.people.NewUser;
import org.firehub.people.PasswordHasher;
import org.firehub.people.Role;
import org.firehub.people.UserChange;
import org.firehub.registry.FieldProblem;
import org.firehub.registry.InvalidInput;
import org.firehub.web.ApiProblem;
import org.firehub.web.RequestBodies;

/**
 * Reads and checks the JSON of user requests. The checks clients most need to tell apart get
 * their own error code ({@code invalid_role}, {@code password_too_short}, {@code password_too_long});
 * other bad fields are 400 {@code invalid} naming each field.
 */
final class UserRequests {
    static final int MIN_PASSWORD_LENGTH = 12;
    /** As the {@code users} table's CHECKs: refused here with a field name rather than by the database. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 -]{3,32}");
    private static final Pattern GRID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String ROLES = Arrays.stream(Role.values()).map(Role::wireName).collect(Collectors.joining(", "));

    private UserRequests() {}

    static NewUser newUser(JsonObject body) {
        List<FieldProblem> problems = new ArrayList<>();
        String username = RequestBodies.requiredString(body, "username", problems);
        if (username != null && !username.isEmpty() && !USERNAME.matcher(username).matches()) {
            problems.add(new FieldProblem("username", "1-64 letters, digits or _ . @ -"));
        }
        String roleName = RequestBodies.requiredString(body, "role", problems);
        String password = RequestBodies.requiredString(body, "password", problems);
        String displayName = RequestBodies.string(body, "displayName", problems);
        String phone = RequestBodies.string(body, "phone", problems);
        List<String> grids = grids(body, problems).orElse(List.of());
        checkDetails(displayName, phone, problems);
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        Role role = role(roleName);
        checkPassword(password);
        if (role != Role.GRID_WORKER && !grids.isEmpty()) {
            throw new ApiProblem(400, "grids_need_grid_worker", "only grid workers work grids");
        }
        return new NewUser(username, password, role, displayName, phone, grids);
    }

    static UserChange change(JsonObject body) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String field : body.fieldNames()) {
            if (!List.of("role", "displayName", "phone", "disabled", "grids", "password").contains(field)) {
                problems.add(new FieldProblem(field, "cannot be changed"));
            }
        }
        Optional<String> roleName = present(body, "role") ? Optional.ofNullable(RequestBodies.requiredString(body, "role", problems))
                : Optional.empty();
        Optional<Optional<String>> displayName = present(body, "displayName")
                ? Optional.of(Optional.ofNullable(RequestBodies.string(body, "displayName", problems))) : Optional.empty();
        Optional<Optional<String>> phone = present(body, "phone")
                ? Optional.of(Optional.ofNullable(RequestBodies.string(body, "phone", problems))) : Optional.empty();
        Optional<Boolean> disabled = Optional.empty();
        if (present(body, "disabled")) {
            if (body.getValue("disabled") instanceof Boolean b) disabled = Optional.of(b);
            else problems.add(new FieldProblem("disabled", "must be true or false"));
        }
        Optional<String> password = present(body, "password")
                ? Optional.ofNullable(RequestBodies.requiredString(body, "password", problems)) : Optional.empty();
        Optional<List<String>> grids = grids(body, problems);
        checkDetails(displayName.flatMap(v -> v).orElse(null), phone.flatMap(v -> v).orElse(null), problems);
        if (!problems.isEmpty()) throw new InvalidInput(problems);
        password.ifPresent(UserRequests::checkPassword);
        UserChange change = new UserChange(roleName.map(UserRequests::role), displayName, phone, disabled, grids, password);
        if (change.isEmpty()) throw InvalidInput.of("body", "names nothing to change");
        return change;
    }

    private static boolean present(JsonObject body, String field) {
        return body.containsKey(field);
    }

    private static Optional<List<String>> grids(JsonObject body, List<FieldProblem> problems) {
        if (!present(body, "grids")) return Optional.empty();
        if (!(body.getValue("grids") instanceof JsonArray array)) {
            problems.add(new FieldProblem("grids", "must be an array of grid codes"));
            return Optional.empty();
        }
        List<String> grids = new ArrayList<>();
        for (Object grid : array) {
            if (grid instanceof String code && GRID.matcher(code).matches()) {
                if (!grids.contains(code)) grids.add(code);
            } else {
                problems.add(new FieldProblem("grids", "'" + grid + "' is not a grid code"));
            }
        }
        return Optional.of(grids);
    }

    private static void checkDetails(String displayName, String phone, List<FieldProblem> problems) {
        if (displayName != null && (displayName.isEmpty() || displayName.length() > 100)) {
            problems.add(new FieldProblem("displayName", "1-100 characters"));
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add(new FieldProblem("phone", "3-32 digits, spaces or dashes, optionally after a +"));
        }
    }

    private static Role role(String name) {
        return Role.fromWireName(name).orElseThrow(() -> new ApiProblem(400, "invalid_role",
                "role '" + name + "' is not one of " + ROLES));
    }

    private static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new ApiProblem(400, "password_too_short", "a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            throw new ApiProblem(400, "password_too_long", "a password may have at most " + PasswordHasher.MAX_PASSWORD_LENGTH
                    + " characters");
        }
    }
}
