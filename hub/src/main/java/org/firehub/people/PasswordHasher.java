package org.firehub.people;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id password hashes for people.
 *
 * <p>Parameters follow the OWASP Password Storage Cheat Sheet's first Argon2id option:
 * m = 19 MiB, t = 2 iterations, p = 1 lane (about 30-60 ms per hash on one core). The
 * encoded form ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) carries its own
 * parameters, so they can be raised later without invalidating stored hashes.
 *
 * <p>Hashing is blocking CPU work on purpose, so it runs on a dedicated, small worker pool
 * ({@code threads}, default 2) rather than the shared worker pool or an event loop: a login
 * flood then costs at most those threads and their memory. Beyond {@code maxInFlight}
 * queued hashes new requests fail fast with {@link HashingBusy} instead of queueing forever.
 */
public final class PasswordHasher implements AutoCloseable {
    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    /** Longer inputs are refused before hashing: nobody types them, and they would only cost CPU. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final WorkerExecutor workers;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer hashTimer;
    private final Counter busy;
    /** Verified against when a user is unknown, so that "no such user" takes as long as "wrong password". */
    private volatile String dummyHash;

    public PasswordHasher(Vertx vertx, MeterRegistry meters, int threads, int maxInFlight) {
        this.workers = vertx.createSharedWorkerExecutor("firehub-argon2", threads);
        this.maxInFlight = maxInFlight;
        this.hashTimer = Timer.builder("firehub.password.hash").description("Argon2id hash or verify time")
                .register(meters);
        this.busy = Counter.builder("firehub.password.hash.busy")
                .description("Password hashes refused because too many were in flight").register(meters);
    }

    public PasswordHasher(Vertx vertx, MeterRegistry meters) {
        this(vertx, meters, 2, 32);
    }

    /** The Argon2id encoded hash of a password. */
    public Future<String> hash(String password) {
        return run(() -> hashNow(password));
    }

    /** Whether the password matches the encoded hash; a malformed hash simply does not match. */
    public Future<Boolean> verify(String encodedHash, String password) {
        return run(() -> verifyNow(encodedHash, password));
    }

    /** Spends the same work as {@link #verify} and always answers false: for unknown users. */
    public Future<Boolean> verifyDummy(String password) {
        return run(() -> {
            verifyNow(dummyHash(), password);
            return false;
        });
    }

    private <T> Future<T> run(Callable<T> work) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            busy.increment();
            return Future.failedFuture(new HashingBusy(maxInFlight));
        }
        return workers.<T>executeBlocking(() -> hashTimer.recordCallable(work), false)
                .andThen(done -> inFlight.decrementAndGet());
    }

    private String hashNow(String password) {
        char[] chars = password.toCharArray();
        try {
            return argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, chars);
        } finally {
            argon2.wipeArray(chars);
        }
    }

    private boolean verifyNow(String encodedHash, String password) {
        if (encodedHash == null || !encodedHash.startsWith("$argon2id$")) return false;
        char[] chars = password.toCharArray();
        try {
            return argon2.verify(encodedHash, chars);
        } finally {
            argon2.wipeArray(chars);
        }
    }

    private String dummyHash() {
        String known = dummyHash;
        if (known == null) {
            known = hashNow("firehub-dummy-password-for-unknown-users");
            dummyHash = known;
        }
        return known;
    }

    @Override
    public void close() {
        workers.close();
    }
}
