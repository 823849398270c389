package org.firehub.ingest.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.firehub.ingest.RejectReason;

/**
 * The root of the hub's CoAP resource tree: any path outside the contract's resources is
 * answered 4.04 by the hub itself, so that it is counted ({@code bad_topic}) like every other
 * refusal, instead of Californium's silent default.
 */
final class HubRoot extends CoapResource {
    private volatile Resource unknownPath;

    HubRoot() {
        super("");
        setVisible(false);
    }

    /** Set once the metrics exist (Californium builds the root inside CoapServer's constructor). */
    void countUnknownPaths(CoapMetrics metrics) {
        this.unknownPath = new UnknownPath(metrics);
    }

    @Override
    public Resource getChild(String name) {
        Resource child = super.getChild(name);
        return child != null || unknownPath == null ? child : unknownPath;
    }

    private static final class UnknownPath extends CoapResource {
        private final CoapMetrics metrics;

        UnknownPath(CoapMetrics metrics) {
            super("unknown");
            setVisible(false);
            this.metrics = metrics;
        }

        @Override
        public Resource getChild(String name) {
            return this;
        }

        @Override
        public void handleRequest(Exchange exchange) {
            metrics.refused(RejectReason.BAD_TOPIC);
            exchange.sendResponse(CoapAnswers.refused(ResponseCode.NOT_FOUND, RejectReason.BAD_TOPIC,
                    "POST /telemetry/{deviceId} or /events/{deviceId}"));
        }
    }
}
