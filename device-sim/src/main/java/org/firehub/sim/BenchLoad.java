package org.firehub.sim;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.firehub.sim.bench.LoadResult;
import org.firehub.sim.bench.ProcStats;

/**
 * Closed-loop QoS 1 load over the Vert.x MQTT client: each device keeps {@code inflight}
 * publishes outstanding and sends the next one on each PUBACK. One event loop per core serves
 * all devices, so the generator costs far less CPU than a Paho client (and its threads) per device.
 */
final class BenchLoad implements AutoCloseable {
    /** At most this many CONNECTs outstanding: the hub checks each device's token on connect. */
    private static final int CONNECTS_IN_FLIGHT = 64;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final Recorder latencies = new Recorder(3);
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Device> devices = new ArrayList<>();
    private volatile boolean running = true;

    /** Connects every device (throttled), waiting at most {@code timeout}; returns how many are up. */
    int connect(List<SimDevice> fleet, String mqttUrl, Duration timeout) throws InterruptedException {
        URI uri = URI.create(mqttUrl);
        Semaphore slots = new Semaphore(CONNECTS_IN_FLIGHT);
        AtomicLong done = new AtomicLong();
        for (SimDevice simDevice : fleet) {
            if (!slots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) break;
            Context context = vertx.getOrCreateContext(); // round robin over the event loops
            Device device = new Device(simDevice, context);
            devices.add(device);
            context.runOnContext(v -> {
                device.link = new VertxMqttLink(vertx, simDevice, uri.getHost(), uri.getPort(), null, 60);
                device.link.connect().onComplete(ar -> {
                    if (ar.failed()) System.err.println(simDevice.deviceId() + ": connect failed: " + ar.cause().getMessage());
                    done.incrementAndGet();
                    slots.release();
                });
            });
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (done.get() < devices.size() && System.nanoTime() < deadline) Thread.sleep(50);
        return connected();
    }

    int connected() {
        return (int) devices.stream().filter(d -> d.link != null && d.link.connected()).count();
    }

    /** Starts the closed loop: {@code inflight} chains per connected device; {@code seqBase} keeps seqs fresh across runs. */
    void start(int inflight, long seqBase) {
        for (Device device : devices) {
            device.seq = seqBase;
            device.context.runOnContext(v -> {
                if (device.link == null || !device.link.connected()) return;
                for (int i = 0; i < inflight; i++) device.sendNext();
            });
        }
    }

    /** Runs warm-up then the measured window, sampling the broker's /proc before and after. */
    LoadResult measure(String target, long brokerPid, double rssPerConnectionKib, Duration warmup, Duration window)
            throws Exception {
        Thread.sleep(warmup.toMillis());
        latencies.reset();
        long ackedAtStart = acked.get();
        ProcStats.Sample brokerStart = ProcStats.sample(brokerPid);
        ProcStats.Sample selfStart = ProcStats.sample(ProcessHandle.current().pid());
        Thread.sleep(window.toMillis());
        long ackedInWindow = acked.get() - ackedAtStart;
        ProcStats.Sample brokerEnd = ProcStats.sample(brokerPid);
        ProcStats.Sample selfEnd = ProcStats.sample(ProcessHandle.current().pid());
        Histogram h = latencies.getIntervalHistogram();
        int connections = connected();
        double seconds = (brokerEnd.nanoTime() - brokerStart.nanoTime()) / 1e9;
        return new LoadResult(target, connections, ackedInWindow / seconds, acked.get(), failed.get(),
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(95) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3, brokerEnd.cpuPercentSince(brokerStart), brokerEnd.rssKib(),
                rssPerConnectionKib,
                selfEnd.cpuPercentSince(selfStart));
    }

    /** Stops publishing and waits (bounded) for the outstanding PUBACKs, so the acked total is final. */
    long stopAndDrain(Duration timeout) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (devices.stream().anyMatch(d -> d.outstanding.get() > 0) && System.nanoTime() < deadline) Thread.sleep(50);
        return acked.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        for (Device device : devices) {
            device.context.runOnContext(v -> {
                if (device.link != null) device.link.close();
            });
        }
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("bench: the load generator's event loops did not stop within 10 s");
        }
    }

    /** One device's state; touched only on its own context. */
    private final class Device {
        final SimDevice simDevice;
        final Context context;
        final AtomicLong outstanding = new AtomicLong();
        VertxMqttLink link;
        long seq;
        long lastTs;

        Device(SimDevice simDevice, Context context) {
            this.simDevice = simDevice;
            this.context = context;
        }

        void sendNext() {
            if (!running || !link.connected()) return;
            // Strictly increasing per device: InfluxDB keeps one point per series and millisecond.
            lastTs = Math.max(System.currentTimeMillis(), lastTs + 1);
            byte[] body = ("{\"ts\":" + lastTs + ",\"seq\":" + (++seq)
                    + ",\"readings\":{\"smoke_obscuration_db_m\":0.04,\"temperature_c\":21.5,\"battery_pct\":90}}").getBytes();
            long sentAt = System.nanoTime();
            outstanding.incrementAndGet();
            link.send("telemetry", body).onComplete(ar -> {
                outstanding.decrementAndGet();
                if (ar.succeeded()) {
                    latencies.recordValue((System.nanoTime() - sentAt) / 1000);
                    acked.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                sendNext();
            });
        }
    }
}
