package org.firehub.people;

import java.util.Objects;
import java.util.Set;

/**
 * The venues a person may see and work: admins and supervisors the whole town, a grid worker
 * the venues of their grids, a venue owner the venues they own. Every list is filtered by it
 * (in SQL) and every single read outside it answers "not found", so ids do not leak.
 */
public sealed interface AccessScope {

    /** True when a venue in {@code grid} with id {@code venueId} is inside the scope. */
    boolean permits(long venueId, String grid);

    record Everything() implements AccessScope {
        @Override
        public boolean permits(long venueId, String grid) {
            return true;
        }
    }

    /** The venues of these grids (a grid worker's). */
    record Grids(Set<String> grids) implements AccessScope {
        public Grids {
            grids = Set.copyOf(grids);
        }

        @Override
        public boolean permits(long venueId, String grid) {
            return grid != null && grids.contains(grid);
        }
    }

    /** These venues (a venue owner's); an empty set sees nothing. */
    record Venues(Set<Long> venueIds) implements AccessScope {
        public Venues {
            venueIds = Set.copyOf(venueIds);
        }

        @Override
        public boolean permits(long venueId, String grid) {
            return venueIds.contains(venueId);
        }
    }

    static AccessScope everything() {
        return new Everything();
    }

    static AccessScope nothing() {
        return new Venues(Set.of());
    }

    static AccessScope grid(String grid) {
        return new Grids(Set.of(Objects.requireNonNull(grid, "grid")));
    }
}
