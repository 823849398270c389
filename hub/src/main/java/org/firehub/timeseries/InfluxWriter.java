package org.firehub.timeseries;

import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.firehub.ingest.DeviceMessage;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * Writes batches to InfluxDB over its v1 HTTP API, one synchronous request per batch, and says
 * what became of it. Never uses the client's {@code enableBatch}: that mode writes in the
 * background and drops points on failure, while the spool must know. The request body is line
 * protocol built by {@link LineProtocol}, not influxdb-java's {@code Point}s (see there why).
 */
public final class InfluxWriter implements TimeSeriesWriter, AutoCloseable {
    private final InfluxDB influx;
    private final String database;
    private final String retentionPolicy;
    /** The HTTP status of this thread's last response: the client's exceptions do not carry it. */
    private final ThreadLocal<Integer> lastStatus;

    private InfluxWriter(InfluxDB influx, ThreadLocal<Integer> lastStatus, String database, String retentionPolicy) {
        this.influx = influx;
        this.lastStatus = lastStatus;
        this.database = database;
        this.retentionPolicy = retentionPolicy;
    }

    /**
     * @param user and {@code password}: both null (or empty) for an InfluxDB without authentication
     * @param retentionPolicy null for the database's default
     */
    public static InfluxWriter create(String url, String user, String password, String database, String retentionPolicy) {
        ThreadLocal<Integer> lastStatus = new ThreadLocal<>();
        // Short timeouts: an outage must show up in seconds (health, backoff), and a write that
        // timed out is retried; replays overwrite identical points.
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(2, TimeUnit.SECONDS)
                .writeTimeout(10, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                .addInterceptor(chain -> {
                    okhttp3.Response response = chain.proceed(chain.request());
                    lastStatus.set(response.code());
                    return response;
                });
        InfluxDB influx = user == null || user.isEmpty()
                ? InfluxDBFactory.connect(url, http)
                : InfluxDBFactory.connect(url, user, password == null ? "" : password, http);
        influx.setLogLevel(InfluxDB.LogLevel.NONE);
        return new InfluxWriter(influx, lastStatus, database, retentionPolicy);
    }

    @Override
    public WriteOutcome write(List<DeviceMessage> batch) {
        // ~150 bytes per point for the hub's kinds; a guess that saves most of the builder's regrowth.
        StringBuilder body = new StringBuilder(batch.size() * 192);
        int points = 0;
        for (DeviceMessage message : batch) {
            try {
                points += LineProtocol.append(body, message);
            } catch (RuntimeException e) {
                return new WriteOutcome.Refused("message of device " + message.device().id() + " cannot become points: " + e.getMessage());
            }
        }
        if (points == 0) return new WriteOutcome.Written(0);
        lastStatus.remove();
        try {
            influx.write(database, retentionPolicy == null || retentionPolicy.isEmpty() ? null : retentionPolicy,
                    InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, body.toString());
            return new WriteOutcome.Written(points);
        } catch (RuntimeException e) {
            return WriteFailures.classify(e, lastStatus.get());
        } finally {
            lastStatus.remove();
        }
    }

    @Override
    public void close() {
        influx.close();
    }
}
