package org.firehub.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firehub.alarms.AlarmChange;
import org.firehub.alarms.AlarmClear;
import org.firehub.alarms.AlarmRaise;
import org.firehub.alarms.AlarmSubject;
import org.firehub.people.Role;
import org.firehub.rules.Severity;
import org.firehub.tickets.TicketHarness.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Device rules open tickets through the real alarm store's transaction hook. */
class TicketsFromAlarmsTest {
    private static TicketHarness hub;
    private static Person supervisor;

    @BeforeAll
    static void start() {
        hub = new TicketHarness("tickets_alarms");
        supervisor = hub.person(Role.SUPERVISOR, null);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static AlarmRaise raise(AlarmSubject subject, String ruleId, String hazard, Severity severity, Instant at) {
        return new AlarmRaise(subject, "G01", ruleId, hazard, severity, at, Map.of("gas_lel_pct", 31.0), "gas_lel_pct 31.0 ≥ 25.0");
    }

    @Test
    void aRaisedAlarmOpensATicketForItsDeviceAndHazard() {
        long venue = hub.venue("G01");
        String device = hub.device(venue);
        AlarmChange change = TicketHarness.await(hub.alarms.raise(raise(AlarmSubject.device(venue, device), "gas.low",
                "gas_leak", Severity.MAJOR, hub.clock.instant()))).orElseThrow();
        JsonArray tickets = hub.list("?venueId=" + venue, supervisor);
        assertThat(tickets).hasSize(1);
        JsonObject t = tickets.getJsonObject(0);
        assertThat(t.getString("deviceId")).isEqualTo(device);
        assertThat(t.getString("hazard")).isEqualTo("gas_leak");
        assertThat(t.getString("source")).isEqualTo("device_rule");
        assertThat(t.getLong("alarmId")).isEqualTo(change.alarm().id());
        assertThat(t.getString("state")).isEqualTo("OPEN");
        JsonArray history = new JsonArray(hub.get("/api/v1/tickets/" + t.getLong("id") + "/history", supervisor).body());
        assertThat(history.getJsonObject(0).getString("actorRole")).isEqualTo("system");
        assertThat(history.getJsonObject(0).getString("actor")).isNull();
        assertThat(history.getJsonObject(0).getJsonObject("details").getLong("alarmId")).isEqualTo(change.alarm().id());
    }

    @Test
    void aStormOfAlarmsMakesOneTicketCountingEveryRaise() {
        long venue = hub.venue("G01");
        String device = hub.device(venue);
        AlarmSubject subject = AlarmSubject.device(venue, device);
        int rounds = 30;
        List<Future<Optional<AlarmChange>>> all = new ArrayList<>();
        Instant t0 = hub.clock.instant();
        // Two rules of one hazard, raised, cleared and raised again, all at once on several connections.
        for (int i = 0; i < rounds; i++) {
            Instant at = t0.plusSeconds(i);
            for (String rule : List.of("gas.low", "gas.high")) {
                Severity severity = rule.equals("gas.high") && i == rounds / 2 ? Severity.CRITICAL : Severity.MAJOR;
                all.add(hub.alarms.raise(raise(subject, rule, "gas_leak", severity, at)));
                all.add(hub.alarms.clear(new AlarmClear(subject, rule, at.plusMillis(500), "back to normal")));
                all.add(hub.alarms.raise(raise(subject, rule, "gas_leak", severity, at.plusMillis(700))));
            }
        }
        TicketHarness.await(Future.join(new ArrayList<>(all)));
        long raised = 0;
        for (Future<Optional<AlarmChange>> f : all) {
            Optional<AlarmChange> change = f.result();
            if (change.isPresent() && change.get().kind() == AlarmChange.Kind.RAISED) raised++;
        }
        assertThat(raised).isGreaterThan(2);
        JsonArray tickets = hub.list("?venueId=" + venue, supervisor);
        assertThat(tickets).as("one open ticket per (device, hazard)").hasSize(1);
        JsonObject ticket = tickets.getJsonObject(0);
        assertThat(ticket.getLong("occurrences")).isEqualTo(raised);
        assertThat(hub.count("SELECT count(*) FROM ticket_audit WHERE ticket_id = ?", ticket.getLong("id"))).isEqualTo(raised);
        boolean criticalRaised = all.stream().map(Future::result).flatMap(Optional::stream)
                .anyMatch(c -> c.kind() == AlarmChange.Kind.RAISED && c.alarm().severity() == Severity.CRITICAL);
        assertThat(ticket.getString("severity")).isEqualTo(criticalRaised ? "critical" : "major");
    }

    @Test
    void venueAlarmsOpenVenueLevelTicketsApartFromDeviceOnes() {
        long venue = hub.venue("G01");
        String device = hub.device(venue);
        Instant now = hub.clock.instant();
        TicketHarness.await(hub.alarms.raise(raise(AlarmSubject.venue(venue), "fire.confirmed", "fire", Severity.CRITICAL, now)));
        TicketHarness.await(hub.alarms.raise(raise(AlarmSubject.device(venue, device), "smoke", "fire", Severity.MAJOR, now)));
        TicketHarness.await(hub.alarms.clear(new AlarmClear(AlarmSubject.venue(venue), "fire.confirmed", now.plusSeconds(1), "ok")));
        TicketHarness.await(hub.alarms.raise(raise(AlarmSubject.venue(venue), "fire.confirmed", "fire", Severity.CRITICAL,
                now.plusSeconds(2))));
        JsonArray tickets = hub.list("?venueId=" + venue + "&hazard=fire", supervisor);
        assertThat(tickets).hasSize(2);
        JsonObject venueLevel = tickets.stream().map(JsonObject.class::cast).filter(t -> t.getString("deviceId") == null)
                .findFirst().orElseThrow();
        assertThat(venueLevel.getInteger("occurrences")).isEqualTo(2);
        assertThat(venueLevel.getString("severity")).isEqualTo("critical");
    }

    @Test
    void theOpenGaugeCountsOpenTicketsBySeverity() {
        long venue = hub.venue("G01");
        TicketHarness.await(hub.alarms.raise(raise(AlarmSubject.device(venue, hub.device(venue)), "gas.low", "gas_leak",
                Severity.CRITICAL, hub.clock.instant())));
        TicketHarness.await(hub.tickets.recountOpen());
        String scrape = hub.meters.scrape();
        assertThat(scrape).containsPattern("firehub_tickets_open\\{severity=\"critical\"} [1-9]");
        assertThat(scrape).contains("firehub_tickets_opened_total{source=\"device_rule\"}");
        assertThat(scrape).contains("firehub_ticket_transitions_total{to=\"CLOSED\"}");
    }
}
