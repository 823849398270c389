package org.firehub.alarms;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Where the rule engine sends its decisions. Both calls are idempotent and safe to make from
 * many threads at once; the database, not the caller, guarantees at most one active alarm per
 * (subject, rule). The futures say what happened: the changed alarm, or empty when nothing
 * changed (a repeat of an active alarm, or a clear of one that is not active).
 */
public interface AlarmSink {
    Future<Optional<AlarmChange>> raise(AlarmRaise raise);

    Future<Optional<AlarmChange>> clear(AlarmClear clear);

    /** The alarms active now, which the engine loads at start so a restart does not re-raise them. */
    Future<List<Alarm>> active();
}
