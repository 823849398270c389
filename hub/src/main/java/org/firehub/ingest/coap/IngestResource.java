package org.firehub.ingest.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.firehub.ingest.Channel;

/**
 * {@code /telemetry} or {@code /events}: answers every path below itself (the device id is a
 * path segment, not a resource of its own), and hands POSTs to the {@link CoapIngestHandler}.
 * Other methods get Californium's 4.05.
 */
final class IngestResource extends CoapResource {
    private final Channel channel;
    private final CoapIngestHandler handler;

    IngestResource(String name, Channel channel, CoapIngestHandler handler) {
        super(name);
        this.channel = channel;
        this.handler = handler;
        setVisible(false);
    }

    @Override
    public Resource getChild(String name) {
        return this;
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        handler.handle(exchange, channel);
    }
}
