package org.firehub.alarms;

import io.vertx.core.Future;
import org.firehub.people.AccessScope;
import org.firehub.people.AccessScopes;
import org.firehub.people.Principal;

/**
 * Decides a person's {@link AlarmScope}. Asynchronous because grid membership and venue
 * ownership live in PostgreSQL. The hub builds it {@link #from} the people
 * {@link AccessScopes}, so alarms see exactly the venues that tickets and the registry do.
 */
@FunctionalInterface
public interface AlarmScopes {

    Future<AlarmScope> of(Principal principal);

    /** The alarm scope of whatever {@code access} decides: one truth for alarms, tickets and venues. */
    static AlarmScopes from(AccessScopes access) {
        return principal -> access.of(principal).map(AlarmScopes::toAlarmScope);
    }

    static AlarmScope toAlarmScope(AccessScope scope) {
        return switch (scope) {
            case AccessScope.Everything everything -> AlarmScope.everything();
            case AccessScope.Grids grids -> new AlarmScope.Grids(grids.grids());
            case AccessScope.Venues venues -> new AlarmScope.Venues(venues.venueIds());
        };
    }

    /**
     * Admins and supervisors see everything, grid workers their grid (nothing without one),
     * owners nothing: a stand-in for tests and tools without PostgreSQL-backed people.
     */
    static AlarmScopes byRole() {
        return principal -> Future.succeededFuture(switch (principal.role()) {
            case ADMIN, SUPERVISOR -> AlarmScope.everything();
            case GRID_WORKER -> principal.grid() == null ? AlarmScope.nothing() : new AlarmScope.Grid(principal.grid());
            case VENUE_OWNER -> AlarmScope.nothing();
        });
    }
}
