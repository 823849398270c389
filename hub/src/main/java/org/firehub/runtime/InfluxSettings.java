package org.firehub.runtime;

/** Where the hub's time series go: InfluxDB's v1 HTTP API, its credentials (null: none) and database. */
public record InfluxSettings(String url, String user, String password, String database) {
    @Override
    public String toString() {
        return "InfluxSettings[" + (user == null ? "" : user + "@") + url + "/" + database + "]";
    }
}
