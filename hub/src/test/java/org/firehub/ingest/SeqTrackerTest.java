package org.firehub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.firehub.device.DeviceId;
import org.junit.jupiter.api.Test;

class SeqTrackerTest {
    private final SeqTracker tracker = new SeqTracker(128);
    private final DeviceId alarm = new DeviceId("smoke-1");
    private final DeviceId other = new DeviceId("smoke-2");

    @Test
    void redeliveredSeqIsADuplicateOnlyForTheSameDevice() {
        assertThat(tracker.claim(alarm, 10)).isInstanceOf(SeqTracker.Fresh.class);
        assertThat(tracker.claim(alarm, 10)).isEqualTo(new SeqTracker.Duplicate(10));
        assertThat(tracker.claim(other, 10)).isInstanceOf(SeqTracker.Fresh.class);
    }

    @Test
    void skippedSeqsAreReportedAsAGapOnceAndLateArrivalsInsideTheWindowAreStillFresh() {
        assertThat(gap(tracker.claim(alarm, 1))).isZero();
        assertThat(gap(tracker.claim(alarm, 2))).isZero();
        assertThat(gap(tracker.claim(alarm, 7))).isEqualTo(4);
        assertThat(gap(tracker.claim(alarm, 4))).isZero();
        assertThat(tracker.claim(alarm, 4)).isInstanceOf(SeqTracker.Duplicate.class);
        assertThat(tracker.claim(alarm, 2)).isInstanceOf(SeqTracker.Duplicate.class);
        assertThat(gap(tracker.claim(alarm, 8))).isZero();
    }

    @Test
    void windowSlidesSoOldSeqsAreForgottenButRecentOnesRemembered() {
        for (long seq = 0; seq < 1000; seq++) assertThat(tracker.claim(alarm, seq)).isInstanceOf(SeqTracker.Fresh.class);

        for (long seq = 1000 - 128 + 1; seq < 1000; seq++) {
            assertThat(tracker.claim(alarm, seq)).as("seq %d", seq).isInstanceOf(SeqTracker.Duplicate.class);
        }
        // A jump larger than the window clears it: all seqs in the new window are unseen.
        assertThat(gap(tracker.claim(alarm, 5000))).isEqualTo(4000);
        assertThat(tracker.claim(alarm, 4999)).isInstanceOf(SeqTracker.Fresh.class);
        assertThat(tracker.claim(alarm, 4900)).isInstanceOf(SeqTracker.Fresh.class);
    }

    @Test
    void counterFarBelowTheWindowIsAResetThatRestartsTracking() {
        for (long seq = 500; seq <= 600; seq++) tracker.claim(alarm, seq);

        SeqTracker.Claim afterReboot = tracker.claim(alarm, 0);
        assertThat(afterReboot).isInstanceOf(SeqTracker.Fresh.class);
        assertThat(gap(afterReboot)).isZero();
        assertThat(gap(tracker.claim(alarm, 1))).isZero();
        assertThat(tracker.claim(alarm, 1)).isInstanceOf(SeqTracker.Duplicate.class);
        // The old counter's values are no longer remembered after the reset.
        assertThat(tracker.claim(alarm, 2)).isInstanceOf(SeqTracker.Fresh.class);
    }

    @Test
    void releasedClaimLetsTheRetryThroughOnceAndReleaseIsIdempotent() {
        tracker.claim(alarm, 1);
        SeqTracker.Fresh failed = (SeqTracker.Fresh) tracker.claim(alarm, 5);
        assertThat(failed.gap()).isEqualTo(3);

        failed.release();
        failed.release();

        SeqTracker.Claim retry = tracker.claim(alarm, 5);
        assertThat(retry).isInstanceOf(SeqTracker.Fresh.class);
        assertThat(gap(retry)).as("the gap was already reported with the first attempt").isZero();
        assertThat(tracker.claim(alarm, 5)).isInstanceOf(SeqTracker.Duplicate.class);
        failed.release();
        assertThat(tracker.claim(alarm, 5)).as("a stale release must not forget a later stored claim")
                .isInstanceOf(SeqTracker.Duplicate.class);
    }

    @Test
    void largestSeqIsTrackedWithoutOverflow() {
        assertThat(tracker.claim(alarm, Long.MAX_VALUE - 1)).isInstanceOf(SeqTracker.Fresh.class);
        assertThat(gap(tracker.claim(alarm, Long.MAX_VALUE))).isZero();
        assertThat(tracker.claim(alarm, Long.MAX_VALUE)).isInstanceOf(SeqTracker.Duplicate.class);
    }

    @Test
    void concurrentRedeliveriesOfTheSameSeqsAreClaimedExactlyOnce() throws Exception {
        int threads = 4;
        int batches = 200;
        int batchSize = 64;
        ConcurrentLinkedQueue<Long> fresh = new ConcurrentLinkedQueue<>();
        // Redeliveries race close to each other (within the window), as QoS 1 retries do:
        // all threads claim the same batch of seqs, each in its own shuffled order.
        CyclicBarrier nextBatch = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    List<Long> batch = new ArrayList<>();
                    for (int b = 0; b < batches; b++) {
                        batch.clear();
                        for (long seq = (long) b * batchSize; seq < (long) (b + 1) * batchSize; seq++) batch.add(seq);
                        Collections.shuffle(batch, random);
                        nextBatch.await(30, TimeUnit.SECONDS);
                        for (long seq : batch) {
                            if (tracker.claim(alarm, seq) instanceof SeqTracker.Fresh claim) fresh.add(claim.seq());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fresh).hasSize(batches * batchSize).doesNotHaveDuplicates();
    }

    private static long gap(SeqTracker.Claim claim) {
        assertThat(claim).isInstanceOf(SeqTracker.Fresh.class);
        return ((SeqTracker.Fresh) claim).gap();
    }
}
