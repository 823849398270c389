package org.firehub.ingest;

/** How a message reached the hub; the {@code transport} label of the ingest metrics. */
public enum Transport {
    MQTT("mqtt"), COAP("coap"), HTTP("http"), CARRIER("carrier"), BRIDGE("bridge");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
