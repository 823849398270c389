package org.firehub.sim;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * Runs a fleet of simulated devices on a small Vert.x (one event loop per core): builds each
 * device's link for its transport, starts the devices jittered over one interval (all at once with
 * {@code storm}), prints progress, stops them at the end and prints the summary.
 */
final class SimEngine implements AutoCloseable {
    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    /**
     * How to reach the hub and how devices behave; see {@link DeviceSim} for each option's meaning.
     * {@code ramp}: device starts are spread over it (one interval unless asked otherwise).
     */
    record Settings(String httpUrl, String mqttUrl, String coapUrl, String mqttClient, int sourceAddresses,
                    Duration interval, boolean storm, long seed, int keepAliveSeconds, Duration ramp) {
        Settings(String httpUrl, String mqttUrl, String coapUrl, String mqttClient, int sourceAddresses,
                 Duration interval, boolean storm, long seed, int keepAliveSeconds) {
            this(httpUrl, mqttUrl, coapUrl, mqttClient, sourceAddresses, interval, storm, seed, keepAliveSeconds, interval);
        }
    }

    /** A device and the transport it uses. */
    record Assignment(SimDevice device, String transport) {}

    private static final long LAG_PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private final Settings settings;
    private final Vertx vertx;
    private final List<Context> contexts = new CopyOnWriteArrayList<>();
    private HttpClient http;
    private CoapEndpoint coap;

    SimEngine(Settings settings) throws Exception {
        this.settings = settings;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1, Runtime.getRuntime().availableProcessors()))
                .setBlockedThreadCheckInterval(10_000));
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                contexts.add(context);
            }
        }, new DeploymentOptions().setInstances(loops)).await(10, TimeUnit.SECONDS);
    }

    /** Runs until {@code duration} has passed (zero: until {@code stop} counts down), then prints the summary. */
    SimStats run(Fleet fleet, List<Assignment> assignments, List<Scenario> scenarios, Duration duration,
                 CountDownLatch stop, PrintStream out, boolean terminal) throws InterruptedException {
        List<SimDevice> running = assignments.stream().map(Assignment::device).toList();
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        for (Scenario scenario : scenarios) scenario.choose(fleet, running, seeds.split());
        SimStats stats = new SimStats();
        List<SimulatedDevice> devices = new ArrayList<>(assignments.size());
        List<SimulatedDevice> mqttDevices = new ArrayList<>();
        long seqBase = System.currentTimeMillis();
        for (int i = 0; i < assignments.size(); i++) {
            Assignment assignment = assignments.get(i);
            SplittableRandom random = seeds.split();
            Context context = contexts.get(i % contexts.size());
            int index = i;
            SimulatedDevice device = new SimulatedDevice(vertx, context, () -> link(assignment, index),
                    new DeviceBehaviour(assignment.device(), scenarios, random, seqBase), stats, random, settings.interval());
            devices.add(device);
            if (assignment.transport().equals("mqtt")) mqttDevices.add(device);
        }
        long spreadMs = settings.storm() ? 0 : settings.ramp().toMillis();
        SplittableRandom startJitter = seeds.split();
        for (SimulatedDevice device : devices) device.start(spreadMs == 0 ? 1 : startJitter.nextLong(spreadMs) + 1);

        Progress progress = new Progress(stats, out, terminal);
        long progressTimer = vertx.setPeriodic(progress.periodMillis(), t -> progress.print());
        long steadyWatch = watchForSteadyState(stats, devices.size(), progress);
        List<Long> lagProbes = probeLoopLag(stats);
        if (scenarios.stream().anyMatch(s -> s instanceof ReconnectStorm)) {
            // Halfway through a bounded run, else after two intervals: everyone is connected by then.
            long at = duration.isZero() ? 2 * settings.interval().toMillis() + 5_000 : duration.toMillis() / 2;
            vertx.setTimer(at, t -> {
                out.printf("%nreconnect-storm: dropping %d MQTT connections at once%n", mqttDevices.size());
                mqttDevices.forEach(SimulatedDevice::dropAndReconnectAtOnce);
            });
        }
        if (duration.isZero()) stop.await();
        else stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        vertx.cancelTimer(progressTimer);
        vertx.cancelTimer(steadyWatch);
        lagProbes.forEach(vertx::cancelTimer);
        progress.end();
        try {
            // Stop sending first and give what is in flight a few seconds to be acknowledged, so
            // "unacked at the end" counts messages the hub left unanswered, not ones the run cut off.
            Future.join(devices.stream().map(SimulatedDevice::stopSending).toList()).await(30, TimeUnit.SECONDS);
            long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (stats.inFlight.get() > 0 && System.nanoTime() < settleUntil) Thread.sleep(20);
            Future.join(devices.stream().map(SimulatedDevice::stop).toList()).await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            out.println("some devices did not close within 30 s");
        }
        progress.summary(devices.size());
        return stats;
    }

    /**
     * The warm-up ends one interval after every device has connected (each has then sent at least
     * once since its connect), or, if some never connect, one interval after the ramp plus two
     * intervals; latencies before that include the connect ramp and are reported apart.
     */
    private long watchForSteadyState(SimStats stats, int devices, Progress progress) {
        long startNanos = System.nanoTime();
        long intervalMs = settings.interval().toMillis();
        long giveUpMs = (settings.storm() ? 0 : settings.ramp().toMillis()) + 2 * intervalMs;
        return vertx.setPeriodic(200, watch -> {
            long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
            boolean allConnected = stats.connects.sum() >= devices;
            if (!allConnected && elapsedMs < giveUpMs) return;
            vertx.cancelTimer(watch);
            String why = allConnected ? "all %d devices connected at %.1f s, plus one interval".formatted(devices, elapsedMs / 1e3)
                    : "%d of %d devices connected after the ramp and two intervals, plus one interval".formatted(stats.connects.sum(), devices);
            vertx.setTimer(intervalMs, t -> {
                stats.startSteadyState();
                progress.note("steady state from %.1f s (%s)".formatted(stats.steadyFromSeconds(), why));
            });
        });
    }

    /** A 10 ms timer on each event loop; how late it fires is how long a PUBACK could wait in the sim itself. */
    private List<Long> probeLoopLag(SimStats stats) throws InterruptedException {
        List<Long> timers = new CopyOnWriteArrayList<>();
        CountDownLatch armed = new CountDownLatch(contexts.size());
        for (Context context : contexts) {
            context.runOnContext(v -> {
                long[] due = {System.nanoTime() + LAG_PROBE_NANOS};
                timers.add(vertx.setPeriodic(LAG_PROBE_NANOS / 1_000_000, t -> {
                    long now = System.nanoTime();
                    stats.loopLag(now - due[0]);
                    due[0] = now + LAG_PROBE_NANOS;
                }));
                armed.countDown();
            });
        }
        armed.await(5, TimeUnit.SECONDS);
        return timers;
    }

    private Link link(Assignment assignment, int index) {
        SimDevice device = assignment.device();
        return switch (assignment.transport()) {
            case "mqtt" -> mqttLink(device, index);
            case "http" -> new HttpLink(http(), settings.httpUrl(), device);
            case "coap" -> new CoapLink(coap(), settings.coapUrl(), device);
            default -> throw new IllegalArgumentException("unknown transport " + assignment.transport());
        };
    }

    private Link mqttLink(SimDevice device, int index) {
        if (settings.mqttClient().equals("paho")) return new PahoMqttLink(device, settings.mqttUrl(), settings.keepAliveSeconds());
        URI uri = URI.create(settings.mqttUrl());
        // More than one source address multiplies the ephemeral ports available towards one hub port.
        String local = settings.sourceAddresses() > 1 ? "127.0.0." + (1 + index % settings.sourceAddresses()) : null;
        return new VertxMqttLink(vertx, device, uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort(), local,
                settings.keepAliveSeconds());
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000),
                    new PoolOptions().setHttp1MaxSize(64));
        }
        return http;
    }

    private synchronized CoapEndpoint coap() {
        if (coap == null) {
            Configuration config = Configuration.createStandardWithoutFile();
            config.set(UdpConfig.UDP_DATAGRAM_SIZE, 16 * 1024);
            coap = CoapEndpoint.builder().setConfiguration(config).build();
            try {
                coap.start();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("starting the CoAP client endpoint", e);
            }
        }
        return coap;
    }

    @Override
    public void close() {
        if (coap != null) coap.destroy();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("Vert.x did not close within 10 s: " + e);
        }
    }
}
