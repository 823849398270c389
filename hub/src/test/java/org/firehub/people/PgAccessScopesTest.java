package org.firehub.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.firehub.alarms.AlarmScope;
import org.firehub.alarms.AlarmScopes;
import org.firehub.people.web.PeopleHarness;
import org.firehub.people.web.PeopleHarness.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scope comes from the database at every call: memberships, leadership, ownership, role, disabling. */
class PgAccessScopesTest {
    private static PeopleHarness hub;
    private static PgAccessScopes scopes;

    @BeforeAll
    static void start() {
        hub = new PeopleHarness("people_scopes");
        scopes = new PgAccessScopes(hub.pool);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static AccessScope scopeOf(Person p, Role sessionRole) {
        return PeopleHarness.await(scopes.of(new Principal(p.id(), p.username(), sessionRole, null)));
    }

    @Test
    void aGridWorkerWorksTheirMembershipsAndTheGridsTheyLead() {
        Person worker = hub.person(Role.GRID_WORKER, "S01", "S02");
        hub.execute("INSERT INTO grids (code, name, leader_user_id) VALUES ('S03', 'S03', ?)", worker.id());
        assertThat(scopeOf(worker, Role.GRID_WORKER)).isEqualTo(new AccessScope.Grids(Set.of("S01", "S02", "S03")));
        assertThat(AlarmScopes.toAlarmScope(scopeOf(worker, Role.GRID_WORKER)))
                .isEqualTo(new AlarmScope.Grids(Set.of("S01", "S02", "S03")));
    }

    @Test
    void aGridWorkerWithoutGridsSeesNothing() {
        Person worker = hub.person(Role.GRID_WORKER);
        AccessScope scope = scopeOf(worker, Role.GRID_WORKER);
        assertThat(scope.permits(1, "S01")).isFalse();
        assertThat(AlarmScopes.toAlarmScope(scope)).isEqualTo(new AlarmScope.Grids(Set.of()));
    }

    @Test
    void anOwnerOwnsVenuesAndASupervisorHasTheTown() {
        long venue = hub.venue("S01");
        Person owner = hub.owner(venue);
        assertThat(scopeOf(owner, Role.VENUE_OWNER)).isEqualTo(new AccessScope.Venues(Set.of(venue)));
        assertThat(scopeOf(hub.person(Role.SUPERVISOR), Role.SUPERVISOR)).isEqualTo(AccessScope.everything());
    }

    @Test
    void theDatabaseDecidesNotTheSession() {
        Person admin = hub.person(Role.ADMIN);
        hub.execute("UPDATE users SET role = 'venue_owner' WHERE id = ?", admin.id());
        assertThat(scopeOf(admin, Role.ADMIN)).as("demoted, even if the session still says admin")
                .isEqualTo(AccessScope.nothing());

        Person supervisor = hub.person(Role.SUPERVISOR);
        hub.execute("UPDATE users SET disabled = true WHERE id = ?", supervisor.id());
        assertThat(scopeOf(supervisor, Role.SUPERVISOR)).isEqualTo(AccessScope.nothing());

        assertThat(scopeOf(new Person(99_999_999L, "ghost", "x"), Role.ADMIN)).isEqualTo(AccessScope.nothing());
    }
}
