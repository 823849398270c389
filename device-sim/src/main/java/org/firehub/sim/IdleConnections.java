package org.firehub.sim;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many idle MQTT devices over the Vert.x client, for the connection-scale bench: they connect at a
 * bounded rate, send nothing but PINGREQs (keep-alive), and disconnect on {@link #close()}.
 * Source addresses are spread over 127.0.X.2, 127.0.X.3, ... so that the ~28k ephemeral ports of
 * one source address never run out, whatever the step size.
 */
final class IdleConnections implements AutoCloseable {
    /** At most this many CONNECTs outstanding: the hub checks each device's token on connect. */
    static final int CONNECTS_IN_FLIGHT = 64;
    /**
     * Well below the 28,232 ports of Linux's default ephemeral range (32768..60999): bind(port 0)
     * searches that range for a free port, and with 19,000 sockets on one address the search cost
     * halved the connect rate (sys time dominated), so addresses change every 5,000 connections.
     */
    static final int CONNECTIONS_PER_SOURCE_ADDRESS = 5_000;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final List<Held> links = new ArrayList<>();
    private final AtomicInteger failed = new AtomicInteger();

    private record Held(Context context, VertxMqttLink link) {}

    /** The source address of the {@code index}-th connection; {@code subnet} (1..254) keeps steps apart (TIME_WAIT). */
    static String sourceAddress(int subnet, int index) {
        int host = 2 + index / CONNECTIONS_PER_SOURCE_ADDRESS;
        if (subnet < 1 || subnet > 254 || host > 254) throw new IllegalArgumentException("no 127.0." + subnet + "." + host);
        return "127.0." + subnet + "." + host;
    }

    /** Connects every device, at most {@link #CONNECTS_IN_FLIGHT} at once, waiting at most {@code timeout}. */
    void connect(List<SimDevice> fleet, String mqttUrl, int keepAliveSeconds, int subnet, Duration timeout)
            throws InterruptedException {
        URI uri = URI.create(mqttUrl);
        Semaphore slots = new Semaphore(CONNECTS_IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(fleet.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < fleet.size(); i++) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
            SimDevice device = fleet.get(i);
            String source = sourceAddress(subnet, i);
            Context context = vertx.getOrCreateContext(); // round robin over the event loops
            context.runOnContext(v -> {
                VertxMqttLink link = new VertxMqttLink(vertx, device, uri.getHost(), uri.getPort(), source, keepAliveSeconds);
                synchronized (links) {
                    links.add(new Held(context, link));
                }
                link.connect().onComplete(ar -> {
                    if (ar.failed() && failed.incrementAndGet() <= 5) {
                        System.err.println(device.deviceId() + " from " + source + ": connect failed: " + ar.cause().getMessage());
                    }
                    slots.release();
                    done.countDown();
                });
            });
        }
        done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Connections whose CONNACK accepted them and that have not closed since. */
    int held() {
        synchronized (links) {
            return (int) links.stream().filter(h -> h.link().connected()).count();
        }
    }

    int failed() {
        return failed.get();
    }

    /** DISCONNECTs every device, then stops the event loops. */
    @Override
    public void close() {
        List<Future<Void>> closing = new ArrayList<>();
        synchronized (links) {
            for (Held h : links) {
                var promise = io.vertx.core.Promise.<Void>promise();
                h.context().runOnContext(v -> h.link().close().onComplete(ar -> promise.complete()));
                closing.add(promise.future());
            }
        }
        try {
            Future.join(closing).await(60, TimeUnit.SECONDS);
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("bench: the idle devices did not all disconnect within 90 s");
        }
    }
}
