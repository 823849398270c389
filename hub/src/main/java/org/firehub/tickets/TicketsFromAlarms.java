package org.firehub.tickets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import org.firehub.alarms.Alarm;
import org.firehub.alarms.AlarmChange;
import org.firehub.alarms.CommitListener;

/**
 * Device rules open tickets: every newly RAISED alarm becomes a finding for (venue, device or
 * venue-level, hazard), inside the alarm's own transaction, so an alarm is never committed
 * without its ticket (a failure rolls both back). Clearing an alarm leaves the ticket alone:
 * a hazard that went quiet is not a hazard rectified.
 */
public final class TicketsFromAlarms implements CommitListener {
    private final TicketService tickets;

    TicketsFromAlarms(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public Future<?> within(SqlClient transaction, AlarmChange change) {
        if (change.kind() != AlarmChange.Kind.RAISED) return Future.succeededFuture();
        Alarm alarm = change.alarm();
        Finding finding = new Finding(alarm.subject().venueId(), alarm.subject().deviceId(), alarm.hazard(),
                alarm.severity(), TicketSource.DEVICE_RULE, Optional.of(alarm.id()), alarm.raisedAt(), Optional.empty(),
                "system", Optional.of(alarm.reason()), Optional.empty(),
                new JsonObject().put("alarmId", alarm.id()).put("ruleId", alarm.ruleId()));
        return tickets.record(transaction, finding);
    }
}
