package org.firehub.timeseries;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.firehub.ingest.DeviceMessage;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;

/**
 * Writes batches to InfluxDB over its v1 HTTP API, one synchronous request per batch, and says
 * what became of it. Never uses the client's {@code enableBatch}: that mode writes in the
 * background and drops points on failure, while the spool must know.
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
        List<Point> points = new ArrayList<>(batch.size() * 2);
        for (DeviceMessage message : batch) {
            try {
                points.addAll(PointMapper.points(message));
            } catch (RuntimeException e) {
                return new WriteOutcome.Refused("message of device " + message.device().id() + " cannot become points: " + e.getMessage());
            }
        }
        if (points.isEmpty()) return new WriteOutcome.Written(0);
        BatchPoints.Builder request = BatchPoints.database(database).precision(TimeUnit.MILLISECONDS).points(points);
        if (retentionPolicy != null && !retentionPolicy.isEmpty()) request.retentionPolicy(retentionPolicy);
        lastStatus.remove();
        try {
            influx.write(request.build());
            return new WriteOutcome.Written(points.size());
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
