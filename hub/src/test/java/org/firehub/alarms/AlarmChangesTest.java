package org.firehub.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.alarms.AlarmHarness.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.firehub.rules.Severity;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlarmChangesTest {
    static Vertx vertx;
    static Context worker;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        Context[] holder = new Context[1];
        await(vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                holder[0] = context;
                return Future.succeededFuture();
            }
        }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
        worker = holder[0];
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    private static AlarmChange change(long id) {
        return new AlarmChange(AlarmChange.Kind.RAISED, new Alarm(id, AlarmSubject.venue(1), "G-01", "rule", "fire",
                Severity.CRITICAL, Instant.now(), Optional.empty(), Map.of(), "test", 0, Optional.empty(), Optional.empty()));
    }

    private static List<Long> ids(List<AlarmChange> changes) {
        return changes.stream().map(c -> c.alarm().id()).toList();
    }

    @Test
    void aStuckSubscriberDelaysNeitherThePublisherNorOtherSubscribers() throws Exception {
        AlarmChanges changes = AlarmChanges.create(vertx, new SimpleMeterRegistry());
        CountDownLatch release = new CountDownLatch(1);
        List<AlarmChange> slow = new CopyOnWriteArrayList<>();
        List<AlarmChange> fast = new CopyOnWriteArrayList<>();
        changes.subscribe("slow", worker, c -> {
            awaitQuietly(release);
            slow.add(c);
        });
        changes.subscribe("fast", fast::add);

        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) changes.publish(change(i));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("publishing never waits").isLessThan(Duration.ofSeconds(1));

        Await.until("the fast subscriber has every change", Duration.ofSeconds(5), () -> fast.size() == 100);
        assertThat(ids(fast)).isEqualTo(java.util.stream.LongStream.range(0, 100).boxed().toList());
        assertThat(slow).isEmpty();
        release.countDown();
        Await.until("the slow subscriber catches up", Duration.ofSeconds(5), () -> slow.size() == 100);
        assertThat(ids(slow)).as("in publication order").isEqualTo(ids(fast));
    }

    @Test
    void aSubscriberFarBehindLosesChangesCountedInsteadOfFillingTheHeap() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AlarmChanges changes = AlarmChanges.create(vertx, meters, 5);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<AlarmChange> received = new CopyOnWriteArrayList<>();
        changes.subscribe("stuck", worker, c -> {
            entered.countDown();
            awaitQuietly(release);
            received.add(c);
        });
        changes.publish(change(0));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 20; i++) changes.publish(change(i));
        assertThat(meters.get("firehub.alarm.changes.dropped").tag("subscriber", "stuck").counter().count()).isEqualTo(14);

        release.countDown();
        Await.until("the queued changes arrive", Duration.ofSeconds(5), () -> received.size() == 6);
        assertThat(ids(received)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aThrowingSubscriberKeepsReceivingAndACancelledOneStops() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AlarmChanges changes = AlarmChanges.create(vertx, meters);
        List<AlarmChange> seen = new CopyOnWriteArrayList<>();
        changes.subscribe("flaky", c -> {
            seen.add(c);
            if (c.alarm().id() == 1) throw new IllegalStateException("boom");
        });
        List<AlarmChange> cancelled = new CopyOnWriteArrayList<>();
        AlarmChanges.Subscription subscription = changes.subscribe("leaving", cancelled::add);

        changes.publish(change(1));
        Await.until("the first change reaches the cancelling subscriber", Duration.ofSeconds(5), () -> cancelled.size() == 1);
        subscription.cancel();
        changes.publish(change(2));

        Await.until("the flaky subscriber gets the next change too", Duration.ofSeconds(5), () -> seen.size() == 2);
        assertThat(meters.get("firehub.alarm.changes.subscriber.failures").tag("subscriber", "flaky").counter().count())
                .isEqualTo(1);
        Await.staysFalse("a change after cancel", Duration.ofMillis(200), () -> cancelled.size() > 1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new AssertionError("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
