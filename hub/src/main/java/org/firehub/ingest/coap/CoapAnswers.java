package org.firehub.ingest.coap;

import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.firehub.ingest.RejectReason;

/** The responses of the CoAP wire contract; refusals carry a short diagnostic payload. */
final class CoapAnswers {
    private CoapAnswers() {}

    static Response changed() {
        return new Response(ResponseCode.CHANGED);
    }

    /** Diagnostics stay short enough for one datagram next to the headers. */
    private static final int MAX_DIAGNOSTIC_CHARS = 200;

    static Response refused(ResponseCode code, RejectReason reason, String detail) {
        String text = reason.label() + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        return withText(code, text.length() <= MAX_DIAGNOSTIC_CHARS ? text : text.substring(0, MAX_DIAGNOSTIC_CHARS - 1) + "…");
    }

    /** 5.03 with Max-Age = the retry hint in whole seconds (at least 1), as RFC 7252 §5.9.3.4 suggests. */
    static Response unavailable(long retryAfterMillis, String text) {
        Response response = withText(ResponseCode.SERVICE_UNAVAILABLE, text);
        response.getOptions().setMaxAge(Math.max(1, (retryAfterMillis + 999) / 1000));
        return response;
    }

    static Response withText(ResponseCode code, String text) {
        Response response = new Response(code);
        response.setPayload(text.getBytes(StandardCharsets.UTF_8));
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        return response;
    }
}
