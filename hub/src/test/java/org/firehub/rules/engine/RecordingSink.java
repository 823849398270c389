package org.firehub.rules.engine;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.firehub.alarms.Alarm;
import org.firehub.alarms.AlarmChange;
import org.firehub.alarms.AlarmClear;
import org.firehub.alarms.AlarmRaise;
import org.firehub.alarms.AlarmSink;
import org.firehub.alarms.AlarmSubject;

/**
 * Test double of the alarm store: records every call in order, and keeps the active alarms
 * the way the store does (at most one per subject and rule), so a second engine over the same
 * sink sees what the first one left active. Can be told to fail the next calls (database down).
 */
final class RecordingSink implements AlarmSink {
    /** One call as the engine made it: a raise or a clear. */
    record Call(boolean raise, AlarmSubject subject, String ruleId, long atMillis, String reason) {}

    private record Key(AlarmSubject subject, String ruleId) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Key, Alarm> active = new ConcurrentHashMap<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    final AtomicInteger failedCalls = new AtomicInteger();

    void failNext(int calls) {
        failNext.set(calls);
    }

    @Override
    public Future<Optional<AlarmChange>> raise(AlarmRaise raise) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) return fail();
        calls.add(new Call(true, raise.subject(), raise.ruleId(), raise.raisedAt().toEpochMilli(), raise.reason()));
        Key key = new Key(raise.subject(), raise.ruleId());
        Alarm alarm = new Alarm(ids.incrementAndGet(), raise.subject(), raise.grid(), raise.ruleId(), raise.hazard(),
                raise.severity(), raise.raisedAt(), Optional.empty(), raise.values(), raise.reason(), 0,
                Optional.empty(), Optional.empty());
        Alarm previous = active.putIfAbsent(key, alarm);
        return Future.succeededFuture(previous == null ? Optional.of(new AlarmChange(AlarmChange.Kind.RAISED, alarm))
                : Optional.empty());
    }

    @Override
    public Future<Optional<AlarmChange>> clear(AlarmClear clear) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) return fail();
        calls.add(new Call(false, clear.subject(), clear.ruleId(), clear.clearedAt().toEpochMilli(), clear.reason()));
        Alarm removed = active.remove(new Key(clear.subject(), clear.ruleId()));
        return Future.succeededFuture(Optional.ofNullable(removed).map(a -> new AlarmChange(AlarmChange.Kind.CLEARED, a)));
    }

    @Override
    public Future<List<Alarm>> active() {
        return Future.succeededFuture(new ArrayList<>(active.values()));
    }

    /** Puts an alarm straight into the store, as if a previous run had raised it. */
    void preload(AlarmRaise raise) {
        raise(raise);
        calls.clear();
    }

    boolean isActive(AlarmSubject subject, String ruleId) {
        return active.containsKey(new Key(subject, ruleId));
    }

    List<Call> callsFor(AlarmSubject subject) {
        return calls.stream().filter(c -> c.subject().equals(subject)).toList();
    }

    private Future<Optional<AlarmChange>> fail() {
        failedCalls.incrementAndGet();
        return Future.failedFuture(new IllegalStateException("test: database is down"));
    }
}
