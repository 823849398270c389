package org.firehub.alarms;

import java.util.Objects;
import java.util.Set;

/**
 * Which alarms a person may see. Lists are filtered by it in SQL, single reads outside it are
 * "not found" (so ids do not leak), and the live feed drops events outside it.
 * {@link AlarmScopes} decides the scope of a person ({@link AlarmScopes#from} maps the people
 * {@link org.firehub.people.AccessScope} onto it, so alarms, tickets and venues share one truth).
 */
public sealed interface AlarmScope {

    boolean permits(Alarm alarm);

    /** Admins and supervisors: the whole town. */
    record Everything() implements AlarmScope {
        @Override
        public boolean permits(Alarm alarm) {
            return true;
        }
    }

    /** A grid worker: the alarms of one grid. */
    record Grid(String grid) implements AlarmScope {
        public Grid {
            Objects.requireNonNull(grid, "grid");
        }

        @Override
        public boolean permits(Alarm alarm) {
            return grid.equals(alarm.grid());
        }
    }

    /** A grid worker of several grids (members of some, leader of others); an empty set sees nothing. */
    record Grids(Set<String> grids) implements AlarmScope {
        public Grids {
            grids = Set.copyOf(grids);
        }

        @Override
        public boolean permits(Alarm alarm) {
            return alarm.grid() != null && grids.contains(alarm.grid());
        }
    }

    /** The alarms of some venues (a venue owner's); an empty set sees nothing. */
    record Venues(Set<Long> venueIds) implements AlarmScope {
        public Venues {
            venueIds = Set.copyOf(venueIds);
        }

        @Override
        public boolean permits(Alarm alarm) {
            return venueIds.contains(alarm.subject().venueId());
        }
    }

    static AlarmScope everything() {
        return new Everything();
    }

    static AlarmScope nothing() {
        return new Venues(Set.of());
    }
}
