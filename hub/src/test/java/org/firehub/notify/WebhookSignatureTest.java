package org.firehub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** The example of docs/notifications.md, checked there with openssl and Python. */
    @Test
    void matchesTheDocumentedExample() {
        byte[] body = "{\"type\":\"alarm.raised\",\"grid\":\"grid-3\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.header("whsec-example", 1763800000L, body))
                .isEqualTo("t=1763800000,v1=82f167572aab86b4a51e6e8ec128d51e34910140b2d6ece67069fbe124f95185");
    }
}
