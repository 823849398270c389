package org.firehub.ingest.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.firehub.spool.Spool;
import org.firehub.spool.SpoolConfig;

/**
 * The HTTP ingest endpoint over a real spool (group commit, fsync) in a temp directory, for a
 * load generator such as wrk. The spool is not drained (no InfluxDB): this measures the ingest
 * path up to the durable append. Writes {@code wrk-devices.lua} (device ids and tokens) into the
 * given directory, and {@code post.lua} for wrk, and runs until killed:
 * {@code wrk -t2 -c64 -d20s --latency -s DIR/post.lua http://127.0.0.1:PORT/} (PORT is printed).
 *
 * <p>Run: {@code java -cp hub/target/classes:hub/target/test-classes:<deps> org.firehub.ingest.http.HttpIngestBenchmark DIR [devices]}
 */
public final class HttpIngestBenchmark {
    /** wrk script: cycles through the devices, one bearer-authenticated JSON reading per request, prints percentiles. */
    private static final String WRK_SCRIPT = """
            dofile("DEVICES_FILE")
            local counter = 0
            request = function()
              counter = counter + 1
              local d = devices[(counter % #devices) + 1]
              local body = '{"readings":{"battery_pct":87,"temperature_c":24.5,"rssi_dbm":-71}}'
              return wrk.format("POST", "/api/v1/devices/" .. d[1] .. "/telemetry",
                {["Authorization"] = "Bearer " .. d[2], ["Content-Type"] = "application/json"}, body)
            end
            done = function(summary, latency, requests)
              io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\\n",
                latency:percentile(50)/1000, latency:percentile(90)/1000, latency:percentile(99)/1000, latency.max/1000))
            end
            """;

    private HttpIngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Spool spool = Spool.open(SpoolConfig.defaults(dir.resolve("spool")),
                batch -> { throw new IllegalStateException("benchmark: spool is not drained"); }, new SimpleMeterRegistry());
        IngestHttpServer server = new IngestHttpServer(spool);
        List<String> lines = new ArrayList<>();
        lines.add("devices = {");
        for (int i = 0; i < devices; i++) {
            String id = "bench-" + i;
            lines.add("  {\"" + id + "\", \"" + server.register(id, "smoke") + "\"},");
        }
        lines.add("}");
        lines.add("port = " + server.port);
        Files.write(dir.resolve("wrk-devices.lua"), lines);
        Files.writeString(dir.resolve("post.lua"), WRK_SCRIPT.replace("DEVICES_FILE", dir.resolve("wrk-devices.lua").toString()));
        System.out.println("listening on 127.0.0.1:" + server.port + " with " + devices + " devices");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                spool.close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e);
            }
        }));
        Thread.currentThread().join();
    }

}
