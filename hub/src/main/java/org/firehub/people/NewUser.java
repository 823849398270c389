package org.firehub.people;

import java.util.List;

/** A user to create, already validated; {@code password} is hashed before it reaches the database. */
public record NewUser(String username, String password, Role role, String displayName, String phone, List<String> grids) {
    public NewUser {
        grids = List.copyOf(grids);
    }

    @Override
    public String toString() {
        return "NewUser[" + username + ", " + role.wireName() + "]";
    }
}
