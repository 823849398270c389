package org.firehub.sim;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Endpoint;

/**
 * Confirmable CoAP POST to {@code /telemetry/{id}?token=…} (Content-Format 50); 2.04 is the ack.
 * All CoAP devices share one UDP endpoint; completions arrive on Californium threads.
 */
final class CoapLink implements Link {
    private final CoapClient client = new CoapClient();
    private final String baseUri;
    private final SimDevice device;

    CoapLink(Endpoint endpoint, String baseUri, SimDevice device) {
        client.setEndpoint(endpoint);
        client.setTimeout(15_000L);
        this.baseUri = baseUri.replaceAll("/+$", "");
        this.device = device;
    }

    @Override public Future<Void> connect() { return Future.succeededFuture(); }

    @Override
    public Future<Void> send(String channel, byte[] body) {
        Promise<Void> acked = Promise.promise();
        Request request = Request.newPost();
        request.setURI(baseUri + "/" + channel + "/" + device.deviceId() + "?token=" + device.token());
        request.setPayload(body);
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        client.advanced(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (response.getCode() == CoAP.ResponseCode.CHANGED) acked.tryComplete();
                else acked.tryFail(new HubRefusal("coap " + response.getCode().text, response.getResponseText()));
            }

            @Override
            public void onError() {
                acked.tryFail(new HubRefusal("timeout", "no CoAP response"));
            }
        }, request);
        return acked.future();
    }

    @Override public void onDrop(Runnable handler) { }
    @Override public void drop() { }
    @Override public Future<Void> close() { return Future.succeededFuture(); }
    @Override public boolean connected() { return true; }
}
