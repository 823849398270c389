package org.firehub.alarms;

import io.vertx.core.Future;
import org.firehub.people.Principal;

/**
 * Decides a person's {@link AlarmScope}. Asynchronous because ownership (issue 7) lives in
 * PostgreSQL; that issue supplies its own implementation, typically delegating to
 * {@link #byRole()} for everyone but owners.
 */
@FunctionalInterface
public interface AlarmScopes {

    Future<AlarmScope> of(Principal principal);

    /**
     * Admins and supervisors see everything, grid workers their grid (nothing without one).
     * Owners see nothing until venue ownership exists (issue 7).
     */
    static AlarmScopes byRole() {
        return principal -> Future.succeededFuture(switch (principal.role()) {
            case ADMIN, SUPERVISOR -> AlarmScope.everything();
            case GRID_WORKER -> principal.grid() == null ? AlarmScope.nothing() : new AlarmScope.Grid(principal.grid());
            case VENUE_OWNER -> AlarmScope.nothing();
        });
    }
}
