package org.firehub.ingest.coap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;
import org.firehub.device.DeviceId;
import org.firehub.ingest.IngestMetrics;
import org.firehub.ingest.RejectReason;
import org.firehub.ingest.Transport;

/**
 * The CoAP endpoint's own meters:
 * <ul>
 *   <li>{@code firehub_connected_devices{transport="coap"}}: distinct devices that had a
 *       request acknowledged (2.04) within {@link CoapSettings#heardWindow()}. UDP has no
 *       connection to count, and DTLS sessions outlive their devices by hours, so "heard from
 *       recently" is the honest measure;</li>
 *   <li>{@code firehub_coap_dtls_handshakes_total{result="success|failure"}} (full and resumed). A handshake with
 *       an identity that is no registered device is also counted at once as
 *       {@code firehub_ingest_rejected_total{transport="coap",reason="unauthorized"}}. A wrong
 *       key shows only as a failure, and late: Scandium silently drops the device's
 *       undecryptable Finished (as DTLS asks of bad records), so the handshake fails when it
 *       times out, after the retransmission limit.</li>
 * </ul>
 */
final class CoapMetrics extends SessionAdapter {
    private final ConcurrentMap<DeviceId, Long> lastHeardNanos = new ConcurrentHashMap<>();
    private final long windowNanos;
    private final IngestMetrics ingest;
    private final Counter handshakesOk;
    private final Counter handshakesFailed;

    CoapMetrics(MeterRegistry meters, IngestMetrics ingest, Duration heardWindow) {
        this.ingest = ingest;
        this.windowNanos = heardWindow.toNanos();
        Gauge.builder("firehub_connected_devices", this, CoapMetrics::heardRecently)
                .description("Devices connected (MQTT) or heard from recently (CoAP)")
                .tag("transport", Transport.COAP.label()).register(meters);
        handshakesOk = handshakes(meters, "success");
        handshakesFailed = handshakes(meters, "failure");
    }

    private static Counter handshakes(MeterRegistry meters, String result) {
        return Counter.builder("firehub_coap_dtls_handshakes_total").tag("result", result)
                .description("DTLS PSK handshakes with devices").register(meters);
    }

    void heard(DeviceId id) {
        lastHeardNanos.put(id, System.nanoTime());
    }

    void refused(RejectReason reason) {
        ingest.rejected(Transport.COAP, reason);
    }

    /** Counts and forgets the devices outside the window (a scrape every few seconds keeps the map small). */
    double heardRecently() {
        long now = System.nanoTime();
        lastHeardNanos.values().removeIf(at -> now - at > windowNanos);
        return lastHeardNanos.size();
    }

    @Override
    public void handshakeCompleted(Handshaker handshaker) {
        handshakesOk.increment();
    }

    @Override
    public void handshakeFailed(Handshaker handshaker, Throwable error) {
        handshakesFailed.increment();
    }
}
