package org.firehub.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firehub.rules.engine.EngineFixture.await;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PresenceStoreTest {
    static final long T0 = 1_763_800_000_000L;
    static EngineFixture fx;

    @BeforeAll
    static void setUp() {
        fx = new EngineFixture("presence");
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void sightingsAreSavedInOneBatchNeverMoveBackAndSkipDeletedDevices() throws Exception {
        long venue = fx.venue("shop", "g7");
        fx.device("p-seen", "smoke", venue, "g7");
        fx.device("p-quiet", "gas", venue, "g7");
        fx.sql("UPDATE devices SET created_at = to_timestamp(" + (T0 - 5_000) / 1000.0 + ") WHERE device_id = 'p-quiet'");
        PresenceStore store = new PresenceStore(fx.pool);

        store.seen("p-seen", T0);
        store.seen("p-seen", T0 - 1_000); // an older sighting recorded later keeps the newer one
        store.seen("p-deleted", T0); // not (any more) in devices: dropped, the batch still succeeds
        assertThat(await(store.flush())).isEqualTo(1);
        assertThat(store.unsaved()).isZero();

        store.seen("p-seen", T0 - 60_000);
        assertThat(await(store.flush())).isEqualTo(1);

        Map<String, KnownDevice> known = await(store.loadAll()).stream()
                .collect(Collectors.toMap(k -> k.device().id().value(), Function.identity()));
        assertThat(known.get("p-seen").lastSeenMillis()).isEqualTo(T0);
        assertThat(known.get("p-seen").venueType()).isEqualTo("shop");
        assertThat(known.get("p-seen").device().grid()).isEqualTo("g7");
        assertThat(known.get("p-quiet").lastSeenMillis()).as("never seen: registration time").isEqualTo(T0 - 5_000);

        fx.sql("DELETE FROM devices WHERE device_id = 'p-seen'");
        assertThat(await(store.load("p-seen"))).isEmpty();
    }
}
