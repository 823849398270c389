package org.firehub.people;

import java.util.List;
import java.util.Optional;

/**
 * What a PATCH of a user changes; empty = unchanged. {@code displayName} and {@code phone} hold an
 * empty Optional inside when the request clears them ({@code null} in JSON).
 */
public record UserChange(Optional<Role> role, Optional<Optional<String>> displayName, Optional<Optional<String>> phone,
                         Optional<Boolean> disabled, Optional<List<String>> grids, Optional<String> password) {

    public boolean isEmpty() {
        return role.isEmpty() && displayName.isEmpty() && phone.isEmpty() && disabled.isEmpty() && grids.isEmpty()
                && password.isEmpty();
    }

    @Override
    public String toString() {
        return "UserChange[role=" + role + ", disabled=" + disabled + ", grids=" + grids
                + ", password " + (password.isPresent() ? "changed" : "unchanged") + "]";
    }
}
