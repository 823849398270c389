package org.firehub.people;

import java.time.Instant;
import java.util.List;

/**
 * A user as administrators see them: never the password hash.
 *
 * @param grids  the grids they work ({@code grid_members}); only grid workers have any
 * @param venues the venues they own ({@code venue_owners}); only venue owners have any
 */
public record UserProfile(long id, String username, Role role, String displayName, String phone, boolean disabled,
                          List<String> grids, List<Long> venues, Instant createdAt) {
    public UserProfile {
        grids = List.copyOf(grids);
        venues = List.copyOf(venues);
    }
}
