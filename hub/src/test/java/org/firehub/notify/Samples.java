package org.firehub.notify;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.firehub.alarms.Alarm;
import org.firehub.alarms.AlarmChange;
import org.firehub.alarms.AlarmSubject;
import org.firehub.rules.Severity;

/** Alarms, webhooks and fast retry settings shared by the notification tests. */
final class Samples {
    static final String SECRET = "whsec-3f9a7c1e5b2d";
    /** Short delays so retry tests run in about a second. */
    static final RetryPolicy FAST_RETRY = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200));
    static final DispatcherSettings FAST_POLL = DispatcherSettings.DEFAULT.withPollInterval(Duration.ofMillis(50));

    private Samples() {}

    static Alarm smokeAlarm(long id, String grid, Severity severity) {
        return new Alarm(id, AlarmSubject.device(7, "smoke-1"), grid, "smoke.alarm_event", "smoke", severity,
                Instant.parse("2026-11-24T08:00:00Z"), Optional.empty(), Map.of("smoke_obscuration_db_m", 0.31),
                "event alarm", 0, Optional.empty(), Optional.empty());
    }

    static AlarmChange raised(long id, String grid, Severity severity) {
        return new AlarmChange(AlarmChange.Kind.RAISED, smokeAlarm(id, grid, severity));
    }

    static Webhook webhook(String name, String url, int maxAttempts, Duration timeout) {
        return new Webhook(name, URI.create(url), Set.of("alarm.*"), Optional.empty(), Severity.MINOR, timeout, maxAttempts, SECRET);
    }

    static NotificationsConfig config(Webhook... webhooks) {
        return new NotificationsConfig(FAST_RETRY, List.of(webhooks));
    }
}
