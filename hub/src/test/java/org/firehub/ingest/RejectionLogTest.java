package org.firehub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RejectionLogTest {
    private static final long PERIOD = 10_000_000_000L;

    private final Logger logger = new LoggerContext().getLogger("test.rejections");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RejectionLog log = new RejectionLog(logger, 3, PERIOD, nanos::get);

    RejectionLogTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @Test
    void floodIsCutToTheLimitAndSummarisedInTheNextPeriod() {
        for (int i = 0; i < 1000; i++) {
            log.rejected(Transport.MQTT, "smoke-1", RejectReason.MALFORMED, "not valid JSON #" + i);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "mqtt message from smoke-1 rejected: malformed: not valid JSON #0",
                "mqtt message from smoke-1 rejected: malformed: not valid JSON #1",
                "mqtt message from smoke-1 rejected: malformed: not valid JSON #2");

        nanos.addAndGet(PERIOD);
        log.rejected(Transport.COAP, "smoke-2", RejectReason.EMPTY, "no readings and no events");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).endsWith(
                "suppressed 997 rejection log lines (limit: 3 per 10000 ms)",
                "coap message from smoke-2 rejected: empty: no readings and no events");
    }

    @Test
    void peerNameFromBeforeAuthenticationIsBoundedAndCannotForgeLines() {
        log.rejected(Transport.HTTP, "1.2.3.4\nFAKE " + "x".repeat(500), RejectReason.UNAUTHORIZED, "bad token");

        String line = lines.list.get(0).getFormattedMessage();
        assertThat(line).doesNotContain("\n").startsWith("http message from 1.2.3.4?FAKE xxx").hasSizeLessThan(150);
    }
}
