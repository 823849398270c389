package org.firehub.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.firehub.people.Role;
import org.firehub.tickets.TicketHarness.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the database itself guarantees, whatever the code above it does. */
class TicketAuditTest {
    private static TicketHarness hub;
    private static long ticket;

    @BeforeAll
    static void start() {
        hub = new TicketHarness("tickets_audit");
        Person supervisor = hub.person(Role.SUPERVISOR, null);
        ticket = hub.patrol(supervisor, hub.venue("G01"), "blocked_exit", "major").getLong("id");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static void refused(String sql, String operation) {
        assertThatThrownBy(() -> {
            try (Connection c = hub.jdbc(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining(operation);
    }

    @Test
    void theAuditTrailCannotBeRewrittenOrErased() {
        long before = hub.count("SELECT count(*) FROM ticket_audit");
        assertThat(before).isPositive();
        refused("UPDATE ticket_audit SET note = 'nothing happened' WHERE ticket_id = " + ticket, "UPDATE");
        refused("DELETE FROM ticket_audit WHERE ticket_id = " + ticket, "DELETE");
        refused("TRUNCATE ticket_audit", "TRUNCATE");
        assertThat(hub.count("SELECT count(*) FROM ticket_audit")).isEqualTo(before);
        assertThat(hub.count("SELECT count(*) FROM ticket_audit WHERE note IS DISTINCT FROM 'nothing happened'")).isEqualTo(before);
        // A ticket with history cannot be deleted from under it either.
        assertThatThrownBy(() -> hub.execute("DELETE FROM tickets WHERE id = ?", ticket)).hasMessageContaining("ticket_audit");
    }

    @Test
    void theDatabaseRefusesASecondOpenTicketForOneHazard() throws SQLException {
        long venue = hub.venue("G01");
        String insert = "INSERT INTO tickets (venue_id, hazard, severity, source, deadline, first_seen_at, last_seen_at,"
                + " created_at) VALUES (" + venue + ", 'blocked_exit', 'minor', 'patrol', now(), now(), now(), now())";
        hub.execute(insert);
        assertThatThrownBy(() -> hub.execute(insert)).hasMessageContaining("tickets_one_open");
        try (Connection c = hub.jdbc(); Statement s = c.createStatement()) {
            s.execute("UPDATE tickets SET state = 'CANCELLED', closed_at = now() WHERE venue_id = " + venue);
        }
        hub.execute(insert);
        assertThat(hub.count("SELECT count(*) FROM tickets WHERE venue_id = ?", venue)).isEqualTo(2);
    }

    @Test
    void aDispatchedTicketWithoutAssigneeIsRefused() {
        assertThatThrownBy(() -> hub.execute("UPDATE tickets SET state = 'DISPATCHED' WHERE id = ?", ticket))
                .hasMessageContaining("check constraint");
    }
}
