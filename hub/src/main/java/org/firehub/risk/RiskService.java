package org.firehub.risk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Venue risk levels, computed on read from PostgreSQL and cached per venue for
 * {@link RiskRules#cacheFor()} (a few seconds). "Recomputed when its inputs change" is met by
 * the short cache instead of listening to every ticket, alarm, presence and device change: no
 * input can be missed, and a level is at most a few seconds stale (docs/risk.md).
 */
public final class RiskService {
    /** Bounds the cache: above this many entries the expired ones are dropped, then all if needed. */
    static final int MAX_CACHED = 50_000;

    private final RiskFactsQuery query;
    private final RiskRules rules;
    private final Clock clock;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final Counter computed;
    private final Counter cacheHits;
    private final Timer queryTime;

    private record Cached(RiskAssessment assessment, Instant expires) {}

    private RiskService(Pool pool, RiskRules rules, Clock clock, MeterRegistry meters) {
        this.query = new RiskFactsQuery(pool, rules);
        this.rules = rules;
        this.clock = clock;
        this.computed = Counter.builder("firehub.risk.computed").description("venue risk levels computed from the database")
                .register(meters);
        this.cacheHits = Counter.builder("firehub.risk.cache.hits").description("venue risk levels served from the cache")
                .register(meters);
        this.queryTime = Timer.builder("firehub.risk.query").description("time of one risk facts query (one or many venues)")
                .register(meters);
    }

    public static RiskService create(Pool pool, RiskRules rules, Clock clock, MeterRegistry meters) {
        return new RiskService(pool, rules, clock, meters);
    }

    public RiskRules rules() {
        return rules;
    }

    /** The venue's level; {@code empty} when no such venue exists. */
    public Future<Optional<RiskAssessment>> levelOf(long venueId) {
        return levelsOf(List.of(venueId)).map(levels -> Optional.ofNullable(levels.get(venueId)));
    }

    /** The levels of many venues (the console's lists) in one query for those not cached; unknown ids are absent. */
    public Future<Map<Long, RiskAssessment>> levelsOf(Collection<Long> venueIds) {
        Instant now = clock.instant();
        Map<Long, RiskAssessment> found = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(venueIds)) {
            Cached c = cache.get(id);
            if (c != null && now.isBefore(c.expires())) {
                found.put(id, c.assessment());
                cacheHits.increment();
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) return Future.succeededFuture(found);
        long started = System.nanoTime();
        return query.factsOf(missing, now).map(facts -> {
            queryTime.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            trim(now);
            Instant expires = now.plus(rules.cacheFor());
            facts.forEach((id, f) -> {
                RiskAssessment assessment = rules.assess(f);
                cache.put(id, new Cached(assessment, expires));
                found.put(id, assessment);
                computed.increment();
            });
            return found;
        });
    }

    /** Forgets a venue's cached level (e.g. right after a change the caller wants visible at once). */
    public void invalidate(long venueId) {
        cache.remove(venueId);
    }

    private void trim(Instant now) {
        if (cache.size() < MAX_CACHED) return;
        cache.values().removeIf(c -> !now.isBefore(c.expires()));
        if (cache.size() >= MAX_CACHED) cache.clear();
    }
}
