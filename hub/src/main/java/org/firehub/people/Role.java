package org.firehub.people;

import java.util.Arrays;
import java.util.Optional;

/** What a person may do in the hub; the wire name is what the {@code users.role} column holds. */
public enum Role {
    ADMIN("admin"),
    SUPERVISOR("supervisor"),
    GRID_WORKER("grid_worker"),
    VENUE_OWNER("venue_owner");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
