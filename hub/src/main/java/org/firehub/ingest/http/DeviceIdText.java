package org.firehub.ingest.http;

/** A caller-supplied id made safe for a log line: bounded length, no control characters. */
final class DeviceIdText {
    private DeviceIdText() {}

    static String safe(String raw) {
        if (raw == null) return "null";
        String cut = raw.length() > 64 ? raw.substring(0, 64) + "…" : raw;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
