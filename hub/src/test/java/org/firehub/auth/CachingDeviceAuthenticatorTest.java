package org.firehub.auth;

import org.firehub.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.firehub.device.Device;
import org.firehub.device.DeviceCredentials;
import org.firehub.device.DeviceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache in front of the registry; the lookup is our own port, driven by the test. */
class CachingDeviceAuthenticatorTest {
    private static final String TOKEN = SecretTokens.generate();
    private static final Device SMOKE = new Device(new DeviceId("smoke-1"), "smoke", 7, "grid-7");

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker clock = nanos::get;
    private final List<Promise<Optional<DeviceCredentials>>> lookups = new CopyOnWriteArrayList<>();
    private final CachingDeviceAuthenticator authenticator = CachingDeviceAuthenticator
            .builder(vertx, id -> {
                Promise<Optional<DeviceCredentials>> lookup = Promise.promise();
                lookups.add(lookup);
                return lookup.future();
            }, meters)
            .ttl(Duration.ofSeconds(60)).negativeTtl(Duration.ofSeconds(5)).ticker(clock).build();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void concurrentMissesForOneDeviceShareOneLookup() throws Exception {
        List<Future<Device>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) attempts.add(authenticator.authenticate("smoke-1", TOKEN));
        assertThat(lookups).hasSize(1);

        lookups.get(0).complete(Optional.of(new DeviceCredentials(SMOKE, SecretTokens.hash(TOKEN))));
        for (Future<Device> attempt : attempts) assertThat(await(attempt)).isEqualTo(SMOKE);
        assertThat(lookups("miss")).isEqualTo(1);
        assertThat(lookups("hit")).isEqualTo(199);
    }

    @Test
    void cachedLookupSharesTheAuthenticatorsCacheAndItsInvalidation() throws Exception {
        CredentialsLookup cached = authenticator.cachedLookup();
        Future<Optional<DeviceCredentials>> first = cached.find(SMOKE.id());
        lookups.get(0).complete(Optional.of(new DeviceCredentials(SMOKE, SecretTokens.hash(TOKEN))));
        assertThat(await(first)).map(DeviceCredentials::device).contains(SMOKE);
        assertThat(await(authenticator.authenticate("smoke-1", TOKEN))).isEqualTo(SMOKE);
        assertThat(await(cached.find(SMOKE.id()))).isPresent();
        assertThat(lookups).hasSize(1);

        authenticator.invalidate(SMOKE.id());
        cached.find(SMOKE.id());
        assertThat(lookups).hasSize(2);
    }

    @Test
    void tokenIsCheckedOnEveryAttemptEvenWhenCached() throws Exception {
        Future<Device> first = authenticator.authenticate("smoke-1", TOKEN);
        lookups.get(0).complete(Optional.of(new DeviceCredentials(SMOKE, SecretTokens.hash(TOKEN))));
        assertThat(await(first)).isEqualTo(SMOKE);

        assertThat(failure(authenticator.authenticate("smoke-1", "stolen?"))).isEqualTo(DeviceAuthException.Reason.BAD_TOKEN);
        assertThat(failure(authenticator.authenticate("smoke-1", ""))).isEqualTo(DeviceAuthException.Reason.MISSING_CREDENTIALS);
        assertThat(await(authenticator.authenticate("smoke-1", TOKEN))).isEqualTo(SMOKE);
        assertThat(lookups).hasSize(1);
    }

    @Test
    void credentialsAreAskedAgainAfterTheTtlOrAnInvalidation() throws Exception {
        DeviceCredentials credentials = new DeviceCredentials(SMOKE, SecretTokens.hash(TOKEN));
        Future<Device> first = authenticator.authenticate("smoke-1", TOKEN);
        lookups.get(0).complete(Optional.of(credentials));
        await(first);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(59));
        await(authenticator.authenticate("smoke-1", TOKEN));
        assertThat(lookups).hasSize(1);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        Future<Device> afterTtl = authenticator.authenticate("smoke-1", TOKEN);
        assertThat(lookups).hasSize(2);
        lookups.get(1).complete(Optional.of(credentials));
        await(afterTtl);

        String rotated = SecretTokens.generate();
        authenticator.invalidate(SMOKE.id());
        Future<Device> afterRotation = authenticator.authenticate("smoke-1", rotated);
        assertThat(lookups).hasSize(3);
        lookups.get(2).complete(Optional.of(new DeviceCredentials(SMOKE, SecretTokens.hash(rotated))));
        assertThat(await(afterRotation)).isEqualTo(SMOKE);
    }

    @Test
    void unknownDeviceIsRememberedForTheShorterNegativeTtl() throws Exception {
        Future<Device> first = authenticator.authenticate("ghost", TOKEN);
        lookups.get(0).complete(Optional.empty());
        assertThat(failure(first)).isEqualTo(DeviceAuthException.Reason.UNKNOWN_DEVICE);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(4));
        assertThat(failure(authenticator.authenticate("ghost", TOKEN))).isEqualTo(DeviceAuthException.Reason.UNKNOWN_DEVICE);
        assertThat(lookups).hasSize(1);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        authenticator.authenticate("ghost", TOKEN);
        assertThat(lookups).as("registered since? ask again").hasSize(2);
    }

    @Test
    void failedLookupIsUnavailableAndNotCached() throws Exception {
        Future<Device> first = authenticator.authenticate("smoke-1", TOKEN);
        lookups.get(0).fail(new IllegalStateException("connection refused"));
        assertThat(failure(first)).isEqualTo(DeviceAuthException.Reason.UNAVAILABLE);

        Future<Device> second = authenticator.authenticate("smoke-1", TOKEN);
        Await.until("the lookups to happen", Duration.ofSeconds(5), () -> lookups.size() == 2);
        lookups.get(1).complete(Optional.of(new DeviceCredentials(SMOKE, SecretTokens.hash(TOKEN))));
        assertThat(await(second)).isEqualTo(SMOKE);
    }

    @Test
    void malformedOrMissingIdsNeverReachTheRegistry() throws Exception {
        assertThat(failure(authenticator.authenticate("a b", TOKEN))).isEqualTo(DeviceAuthException.Reason.MALFORMED_ID);
        assertThat(failure(authenticator.authenticate("x".repeat(65), TOKEN))).isEqualTo(DeviceAuthException.Reason.MALFORMED_ID);
        assertThat(failure(authenticator.authenticate(null, TOKEN))).isEqualTo(DeviceAuthException.Reason.MISSING_CREDENTIALS);
        assertThat(failure(authenticator.authenticate("smoke-1", null))).isEqualTo(DeviceAuthException.Reason.MISSING_CREDENTIALS);
        assertThat(lookups).isEmpty();
    }

    @Test
    void resultCompletesOnTheCallersContextWhateverThreadAnswers() throws Exception {
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<Context> completedOn = new CompletableFuture<>();
        caller.runOnContext(ignored -> authenticator.authenticate("smoke-1", TOKEN)
                .onComplete(result -> completedOn.complete(Vertx.currentContext())));
        Await.until("the lookups to happen", Duration.ofSeconds(5), () -> lookups.size() == 1);
        Thread foreign = new Thread(() -> lookups.get(0).complete(Optional.of(new DeviceCredentials(SMOKE, SecretTokens.hash(TOKEN)))));
        foreign.start();
        foreign.join();
        assertThat(completedOn.get(5, TimeUnit.SECONDS)).isSameAs(caller);
    }

    private double lookups(String result) {
        return meters.get("firehub_auth_lookups_total").tag("result", result).counter().count();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static DeviceAuthException.Reason failure(Future<?> future) throws Exception {
        try {
            future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof DeviceAuthException auth) return auth.reason();
            throw e;
        }
        throw new AssertionError("authentication unexpectedly succeeded");
    }
}
