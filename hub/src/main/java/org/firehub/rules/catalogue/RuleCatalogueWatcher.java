package org.firehub.rules.catalogue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.firehub.rules.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of {@code rules.yaml}. Polls the file (size and modification time each poll, a
 * content hash when they change and every {@link #DEEP_CHECK_EVERY} polls) rather than using a
 * WatchService: editors save by writing a temporary file and renaming it, which watch keys on
 * some platforms miss. A change is loaded once the file has stayed the same for one poll, so a
 * half-written file is not read. The file is read and parsed on a worker thread, never on the
 * event loop.
 *
 * <p>A good file replaces the rule book atomically and listeners are told (on the event loop);
 * a bad one is refused, logged as {@code file:line:col: problem}, counted, and shown in
 * {@link #status()}; the rules in force stay.
 */
public final class RuleCatalogueWatcher implements Supplier<RuleBook>, AutoCloseable {
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
    static final int DEEP_CHECK_EVERY = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RuleCatalogueWatcher.class);

    private final Vertx vertx;
    private final RuleCatalogueLoader loader;
    private final Clock clock;
    private final AtomicReference<LoadedCatalogue> current;
    private final AtomicReference<RuleCatalogueStatus.Refusal> lastRefusal = new AtomicReference<>();
    private final List<Consumer<RuleBook>> listeners = new CopyOnWriteArrayList<>();
    private final Counter applied;
    private final Counter refused;
    private long timerId = -1;
    private boolean polling;
    // Touched only by the poll in flight (one at a time), on a worker thread.
    private FileStamp lastSeen;
    private FileStamp pending;
    private String lastRefusedVersion;
    private String lastReadError;
    private int pollsSinceDeepCheck;
    private boolean reportedMissing;

    private record FileStamp(long size, long modifiedNanos) {}

    private sealed interface PollOutcome {
        record Unchanged() implements PollOutcome {}
        record Loaded(LoadedCatalogue catalogue) implements PollOutcome {}
        record Refused(RuleCatalogueStatus.Refusal refusal) implements PollOutcome {}
    }

    private RuleCatalogueWatcher(Vertx vertx, RuleCatalogueLoader loader, LoadedCatalogue initial, Clock clock,
                                 MeterRegistry meters) {
        this.vertx = vertx;
        this.loader = loader;
        this.clock = clock;
        this.current = new AtomicReference<>(initial);
        this.applied = Counter.builder("firehub.rules.reload").tag("outcome", "applied")
                .description("Rule catalogue reloads, by outcome").register(meters);
        this.refused = Counter.builder("firehub.rules.reload").tag("outcome", "refused")
                .description("Rule catalogue reloads, by outcome").register(meters);
        for (String type : RuleTypes.ALL) {
            Gauge.builder("firehub.rules.loaded", current, c -> c.get().book().counts().getOrDefault(type, 0))
                    .tag("type", type).description("Rules in force, by type (before overrides)").register(meters);
        }
    }

    /**
     * Loads the catalogue (blocking: call at hub start, not on an event loop) and starts watching
     * it. A bad file throws, so the hub does not start on rules it cannot read.
     */
    public static RuleCatalogueWatcher start(Vertx vertx, RuleCatalogueLoader loader, MeterRegistry meters)
            throws IOException, InvalidRuleCatalogue {
        return start(vertx, loader, meters, DEFAULT_POLL, Clock.systemUTC());
    }

    public static RuleCatalogueWatcher start(Vertx vertx, RuleCatalogueLoader loader, MeterRegistry meters,
                                             Duration pollEvery, Clock clock) throws IOException, InvalidRuleCatalogue {
        FileStamp stamp = stamp(loader);
        LoadedCatalogue initial = loader.load();
        RuleCatalogueWatcher watcher = new RuleCatalogueWatcher(vertx, loader, initial, clock, meters);
        watcher.lastSeen = stamp;
        LOG.info("rules: loaded {} (version {}): {}", initial.file(), shortVersion(initial.version()), initial.book().counts());
        watcher.timerId = vertx.setPeriodic(pollEvery.toMillis(), id -> watcher.poll());
        return watcher;
    }

    /** The rule book in force: what the engine asks on every message (a volatile read). */
    @Override
    public RuleBook get() {
        return current.get().book();
    }

    public Supplier<RuleBook> current() {
        return this;
    }

    /** The catalogue in force, with its version and load time. */
    public LoadedCatalogue loaded() {
        return current.get();
    }

    /** Told of every applied reload, on a Vert.x event loop. */
    public void onChange(Consumer<RuleBook> listener) {
        listeners.add(listener);
    }

    public RuleCatalogueStatus status() {
        return status(current.get());
    }

    /** The status of a given snapshot, so a caller shows the version of the very rules it shows. */
    RuleCatalogueStatus status(LoadedCatalogue loaded) {
        return new RuleCatalogueStatus(loaded.file(), loaded.version(), loaded.loadedAt(), loaded.book().counts(),
                (long) applied.count(), (long) refused.count(), Optional.ofNullable(lastRefusal.get()));
    }

    @Override
    public void close() {
        if (timerId >= 0) vertx.cancelTimer(timerId);
        timerId = -1;
    }

    private void poll() {
        if (polling) return;
        polling = true;
        Future<PollOutcome> outcome = vertx.executeBlocking(this::check, false);
        outcome.onComplete(done -> {
            polling = false;
            if (done.failed()) {
                LOG.error("rules: checking {} failed", loader.file(), done.cause());
                return;
            }
            switch (done.result()) {
                case PollOutcome.Unchanged u -> { }
                case PollOutcome.Loaded l -> apply(l.catalogue());
                case PollOutcome.Refused r -> refuse(r.refusal());
            }
        });
    }

    /** On a worker thread: has the file settled on new content, and is it good? */
    private PollOutcome check() {
        FileStamp stamp;
        try {
            stamp = stamp(loader);
        } catch (NoSuchFileException e) {
            // Between an editor's delete and rename, or really gone: the running rules stay either way.
            if (!reportedMissing) LOG.warn("rules: {} is missing; the rules in force stay", loader.file());
            reportedMissing = true;
            pending = null;
            return new PollOutcome.Unchanged();
        } catch (IOException e) {
            return unreadable(e);
        }
        reportedMissing = false;
        boolean deepCheck = ++pollsSinceDeepCheck >= DEEP_CHECK_EVERY;
        if (stamp.equals(lastSeen) && !deepCheck) return new PollOutcome.Unchanged();
        if (!stamp.equals(lastSeen) && !stamp.equals(pending)) {
            pending = stamp; // changed since the last poll: wait until it stays put for one poll
            return new PollOutcome.Unchanged();
        }
        pollsSinceDeepCheck = 0;
        pending = null;
        lastSeen = stamp;
        byte[] content;
        try {
            content = Files.readAllBytes(loader.file());
        } catch (IOException e) {
            return unreadable(e);
        }
        lastReadError = null;
        String version = RuleCatalogueLoader.sha256(content);
        if (version.equals(current.get().version()) || version.equals(lastRefusedVersion)) return new PollOutcome.Unchanged();
        try {
            return new PollOutcome.Loaded(loader.parse(content));
        } catch (InvalidRuleCatalogue e) {
            lastRefusedVersion = version;
            return refusal(version, e.getMessage(), e.problems());
        }
    }

    /** A file that cannot be read (permissions, I/O) is refused once per distinct error, not every second. */
    private PollOutcome unreadable(IOException e) {
        String error = "cannot read " + loader.file() + ": " + e;
        if (error.equals(lastReadError)) return new PollOutcome.Unchanged();
        lastReadError = error;
        lastSeen = null; // read it again once readable, even if size and time did not change
        return refusal(null, error, List.of());
    }

    private PollOutcome refusal(String version, String error, List<CatalogueProblem> problems) {
        return new PollOutcome.Refused(new RuleCatalogueStatus.Refusal(clock.instant(), version, error, problems));
    }

    private void apply(LoadedCatalogue loaded) {
        LoadedCatalogue before = current.getAndSet(loaded);
        applied.increment();
        LOG.info("rules: applied {} (version {} -> {}): {}", loaded.file(), shortVersion(before.version()),
                shortVersion(loaded.version()), loaded.book().counts());
        for (Consumer<RuleBook> listener : listeners) {
            try {
                listener.accept(loaded.book());
            } catch (RuntimeException e) {
                LOG.error("rules: a reload listener failed", e);
            }
        }
    }

    private void refuse(RuleCatalogueStatus.Refusal refusal) {
        lastRefusal.set(refusal);
        refused.increment();
        LOG.error("rules: {}; the rules in force (version {}) stay", refusal.error(), shortVersion(current.get().version()));
    }

    private static FileStamp stamp(RuleCatalogueLoader loader) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(loader.file(), BasicFileAttributes.class);
        return new FileStamp(attributes.size(), attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    private static String shortVersion(String version) {
        return version.substring(0, Math.min(12, version.length()));
    }
}
