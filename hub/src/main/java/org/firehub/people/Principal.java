package org.firehub.people;

/** The person behind an authenticated request. {@code grid} is null for people not tied to a grid. */
public record Principal(long userId, String username, Role role, String grid) {

    public boolean hasAnyRole(Role... roles) {
        for (Role r : roles) {
            if (r == role) return true;
        }
        return false;
    }
}
