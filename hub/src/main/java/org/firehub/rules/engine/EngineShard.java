package org.firehub.rules.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.firehub.alarms.Alarm;
import org.firehub.ingest.DeviceMessage;
import org.firehub.rules.CorrelationRule;
import org.firehub.rules.DeviceRules;
import org.firehub.rules.EventRule;
import org.firehub.rules.RateOfRiseRule;
import org.firehub.rules.Rule;
import org.firehub.rules.RuleBook;
import org.firehub.rules.SupervisionRule;
import org.firehub.rules.ThresholdRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation thread and the state it owns: the devices of the venues hashed to it, their
 * supervision schedule and their venues' correlation state. Everything reaches it as a task on
 * its queue, so per-device order is the order of {@code stored()} calls and no per-device
 * state is ever touched by two threads.
 */
final class EngineShard {
    private static final Logger log = LoggerFactory.getLogger(EngineShard.class);
    private static final Runnable STOP = () -> {};
    private static final long ERROR_LOG_INTERVAL_MS = 10_000;

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Map<String, DeviceState> devices = new HashMap<>();
    private final Supplier<RuleBook> rules;
    private final SinkDispatcher sink;
    private final EngineMetrics metrics;
    private final PresenceStore presence;
    private final DeviceRuleEvaluator evaluator;
    private final Supervision supervision;
    private final Correlation correlation;
    private final Thread thread;
    /** Decisions of the task being run, reused: most messages decide nothing. */
    private final List<Decision> decided = new ArrayList<>();
    private final Consumer<Decision> collect = decided::add;
    private long lastErrorLog = Long.MIN_VALUE / 2;
    private long suppressedErrors;

    EngineShard(int index, Supplier<RuleBook> rules, SinkDispatcher sink, EngineMetrics metrics, PresenceStore presence,
                VenueTypes venueTypes) {
        this.rules = rules;
        this.sink = sink;
        this.metrics = metrics;
        this.presence = presence;
        this.evaluator = new DeviceRuleEvaluator(metrics);
        this.supervision = new Supervision(metrics);
        this.correlation = new Correlation(venueTypes,
                (venueId, grid, atMillis) -> post(() -> recheckVenue(venueId, grid, atMillis)));
        this.thread = Thread.ofPlatform().name("rules-shard-" + index).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** From any thread; never blocks (the queue is unbounded, see {@link RuleEngine} on memory). */
    void post(Runnable task) {
        queue.add(task);
    }

    int depth() {
        return queue.size();
    }

    /** Completes once every task posted before it has run. */
    CompletableFuture<Void> barrier(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        post(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                throw e;
            }
        });
        return done;
    }

    /** Runs what is queued, then ends the thread. */
    void stop() throws InterruptedException {
        post(STOP);
        thread.join();
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) return;
            try {
                task.run();
            } catch (RuntimeException e) {
                metrics.errors.increment();
                logFailure(e);
            } finally {
                decided.clear();
            }
        }
    }

    /** At most one line per {@link #ERROR_LOG_INTERVAL_MS}: a bug hit by every message must not flood the log. */
    private void logFailure(RuntimeException e) {
        long now = System.currentTimeMillis();
        if (now - lastErrorLog < ERROR_LOG_INTERVAL_MS) {
            suppressedErrors++;
            return;
        }
        log.error("rule evaluation failed on {} ({} more failures since the last report)", thread.getName(), suppressedErrors, e);
        lastErrorLog = now;
        suppressedErrors = 0;
    }

    // ---- tasks, run on the shard thread ----

    void evaluate(DeviceMessage message, long arrivalMillis, long startNanos) {
        RuleBook book = rules.get();
        String id = message.device().id().value();
        DeviceState state = devices.get(id);
        if (state == null) {
            state = new DeviceState(message.device(), arrivalMillis);
            devices.put(id, state);
        }
        state.device = message.device();
        DeviceRules deviceRules = book.forDevice(state.device);
        if (state.checkedAgainst != book) dropRemovedRules(state, deviceRules, book);
        presence.seen(id, arrivalMillis);
        supervision.heard(state, deviceRules.supervision(), arrivalMillis, startNanos, collect);
        evaluator.evaluate(state, deviceRules, message, startNanos, collect);
        metrics.evaluated.increment();
        publish(book, arrivalMillis);
    }

    void tick(long nowMillis) {
        RuleBook book = rules.get();
        supervision.tick(book, devices, nowMillis, collect);
        publish(book, nowMillis);
    }

    void addDevice(KnownDevice known) {
        DeviceState state = devices.get(known.device().id().value());
        if (state == null) {
            state = new DeviceState(known.device(), known.lastSeenMillis());
            devices.put(state.id(), state);
        } else {
            state.device = known.device();
            state.lastSeenMillis = Math.max(state.lastSeenMillis, known.lastSeenMillis());
        }
        supervision.track(state, rules.get().forDevice(state.device).supervision());
    }

    /** An alarm active in the store at start: mark it raised so it is not raised again and clears normally. */
    void seed(Alarm alarm) {
        RuleBook book = rules.get();
        Optional<Rule> rule = book.rule(alarm.ruleId());
        if (rule.isEmpty()) return; // its rule is gone: the alarm stays until a person clears it
        long venueId = alarm.subject().venueId();
        if (alarm.subject().deviceId().isEmpty()) {
            if (rule.get() instanceof CorrelationRule) correlation.seedCorrelation(venueId, alarm.ruleId());
            return;
        }
        DeviceState state = devices.get(alarm.subject().deviceId().get());
        if (state == null) return; // device deleted since
        switch (rule.get()) {
            case ThresholdRule r -> state.tracker(r.id(), ThresholdTracker.class, ThresholdTracker::new).seedRaised();
            case RateOfRiseRule r -> state.tracker(r.id(), RateOfRiseTracker.class, RateOfRiseTracker::new)
                    .seedRaised(alarm.raisedAt().toEpochMilli());
            case EventRule r -> state.tracker(r.id(), EventTracker.class, EventTracker::new).seedRaised();
            case SupervisionRule r -> supervision.seedOffline(state, r.id());
            case CorrelationRule r -> { return; }
        }
        correlation.seedMember(state.device.venueId(), state.id(), alarm.ruleId(), alarm.hazard());
    }

    /** After seeding: settle what the store and presence disagree on (a clear lost in a crash). */
    void settle(long nowMillis) {
        RuleBook book = rules.get();
        for (DeviceState state : devices.values()) {
            if (state.offline()) supervision.settle(state, book.forDevice(state.device).supervision(), nowMillis, collect);
        }
        publish(book, nowMillis);
        correlation.settle(book, nowMillis, collect);
        publish(book, nowMillis);
    }

    private void recheckVenue(long venueId, String grid, long atMillis) {
        RuleBook book = rules.get();
        correlation.check(book, venueId, grid, atMillis, Decision.NOT_TIMED, collect);
        publish(book, atMillis);
    }

    /**
     * Sends the task's decisions to the sink and feeds device alarms to correlation, whose own
     * decisions are appended to the same list and sent in turn.
     */
    private void publish(RuleBook book, long hubMillis) {
        for (int i = 0; i < decided.size(); i++) {
            Decision decision = decided.get(i);
            metrics.decided(decision);
            sink.submit(decision);
            if (decision.subject().deviceId().isEmpty()) continue;
            switch (decision) {
                case Decision.Raise r -> correlation.deviceRaised(book, r.raise(), hubMillis, r.startNanos(), collect);
                case Decision.Clear c -> correlation.deviceCleared(book, c.clear(), c.startNanos(), collect);
            }
        }
        decided.clear();
    }

    /** Hot reload: trackers of rules no longer in force for the device go; their alarms stay as they are. */
    private static void dropRemovedRules(DeviceState state, DeviceRules deviceRules, RuleBook book) {
        Set<String> ids = new HashSet<>();
        deviceRules.thresholds().forEach(r -> ids.add(r.id()));
        deviceRules.ratesOfRise().forEach(r -> ids.add(r.id()));
        deviceRules.events().forEach(r -> ids.add(r.id()));
        state.retainTrackers(ids);
        state.checkedAgainst = book;
    }

    int devices() {
        return devices.size();
    }

    int scheduled() {
        return supervision.scheduled();
    }
}
