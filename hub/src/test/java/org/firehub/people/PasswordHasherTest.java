package org.firehub.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.web.ApiHarness.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @Test
    void hashIsArgon2idWithTheDocumentedParametersAndVerifies() {
        try (PasswordHasher hasher = new PasswordHasher(vertx, new SimpleMeterRegistry())) {
            String hash = await(hasher.hash("s3cret pass"));

            assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("s3cret");
            assertThat(await(hasher.verify(hash, "s3cret pass"))).isTrue();
            assertThat(await(hasher.verify(hash, "s3cret pasS"))).isFalse();
            assertThat(await(hasher.verify("not a hash", "s3cret pass"))).isFalse();
            assertThat(await(hasher.verifyDummy("s3cret pass"))).isFalse();
        }
    }

    @Test
    void aFloodOfHashesIsRefusedBeyondTheInFlightLimitInsteadOfQueueingForever() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (PasswordHasher hasher = new PasswordHasher(vertx, meters, 1, 2)) {
            List<Future<String>> flood = new ArrayList<>();
            for (int i = 0; i < 6; i++) flood.add(hasher.hash("pw" + i));
            awaitSettled(flood);

            long busy = flood.stream().filter(f -> f.cause() instanceof HashingBusy).count();
            long done = flood.stream().filter(Future::succeeded).count();
            assertThat(done).isGreaterThanOrEqualTo(2);
            assertThat(busy).isGreaterThanOrEqualTo(1).isEqualTo(6 - done);
            assertThat(meters.counter("firehub.password.hash.busy").count()).isEqualTo(busy);
            // Once the flood has passed, hashing works again.
            assertThat(await(hasher.hash("after"))).startsWith("$argon2id$");
        }
    }

    private static void awaitSettled(List<? extends Future<?>> futures) {
        try {
            Future.join(futures).toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception expectedSomeFailed) {
            // join fails when any failed; every future is complete by now either way
        }
        assertThat(futures).allMatch(Future::isComplete);
    }
}
