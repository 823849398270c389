package org.firehub.ingest.carrier;

import java.util.Locale;

/** The carrier platforms whose HTTP pushes the hub understands; the label is the URL segment. */
public enum CarrierPlatform {
    CTWING, ONENET;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CarrierPlatform parse(String text, String where) {
        for (CarrierPlatform platform : values()) {
            if (platform.label().equalsIgnoreCase(text)) return platform;
        }
        throw new IllegalArgumentException(where + ": platform must be ctwing or onenet, not '" + text + "'");
    }
}
