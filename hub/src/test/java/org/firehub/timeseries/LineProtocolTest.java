package org.firehub.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.firehub.device.Device;
import org.firehub.device.DeviceId;
import org.firehub.ingest.DeviceMessage;
import org.junit.jupiter.api.Test;

/** The exact lines; that InfluxDB reads them as the old encoder's is {@link LineProtocolEquivalenceTest}. */
class LineProtocolTest {
    private static final Device SMOKE = new Device(new DeviceId("smoke-1"), "smoke", 42, "old-town");

    @Test
    void readingsAndEventsBecomeOneLineEachWithTagsSortedByKey() {
        Map<String, Double> readings = new LinkedHashMap<>();
        readings.put("smoke_obscuration_db_m", 0.05);
        readings.put("battery_pct", 87.0);
        DeviceMessage message = new DeviceMessage(SMOKE, 1_763_800_000_123L, OptionalLong.of(4711), readings, List.of("alarm"), 0);

        StringBuilder out = new StringBuilder();
        int points = LineProtocol.append(out, message);

        assertThat(points).isEqualTo(2);
        assertThat(out.toString()).isEqualTo("""
                readings,device_id=smoke-1,grid=old-town,kind=smoke,venue_id=42 smoke_obscuration_db_m=0.05,battery_pct=87.0 1763800000123
                events,device_id=smoke-1,event=alarm,grid=old-town,kind=smoke,venue_id=42 seq=4711i 1763800000123
                """);
    }

    @Test
    void wholeTinyHugeAndNegativeReadingsStayFloats() {
        Map<String, Double> readings = new LinkedHashMap<>();
        readings.put("a", 1.0);
        readings.put("b", -3.25);
        readings.put("c", 1e-7);
        readings.put("d", 1.5e300);
        readings.put("e", 123456789012.0);
        String line = line(new DeviceMessage(SMOKE, 1, OptionalLong.empty(), readings, List.of(), 0));

        assertThat(line).contains(" a=1.0,b=-3.25,c=1.0E-7,d=1.5E300,e=1.23456789012E11 ");
        assertThat(line).doesNotContainPattern("=[-0-9.E]+i");
    }

    @Test
    void eventWithoutSeqWritesZeroAsAnInteger() {
        String line = line(new DeviceMessage(SMOKE, 5, OptionalLong.empty(), Map.of(), List.of("muted"), 0));
        assertThat(line).isEqualTo("events,device_id=smoke-1,event=muted,grid=old-town,kind=smoke,venue_id=42 seq=0i 5\n");
    }

    @Test
    void commaSpaceAndEqualsAreEscapedInTagValuesAndFieldKeys() {
        Device odd = new Device(new DeviceId("d-1"), "gas detector", 3, "a,b=c");
        String line = line(new DeviceMessage(odd, 9, OptionalLong.of(1), Map.of("x y=z,w", 2.5), List.of(), 0));
        assertThat(line).isEqualTo("readings,device_id=d-1,grid=a\\,b\\=c,kind=gas\\ detector,venue_id=3 x\\ y\\=z\\,w=2.5 9\n");
    }

    @Test
    void emptyTagValuesAreLeftOut() {
        Device noGrid = new Device(new DeviceId("d-2"), "smoke", 3, "");
        assertThat(line(new DeviceMessage(noGrid, 9, OptionalLong.of(1), Map.of("t", 1.0), List.of(), 0)))
                .isEqualTo("readings,device_id=d-2,kind=smoke,venue_id=3 t=1.0 9\n");
    }

    @Test
    void messageWithNeitherReadingsNorEventsWritesNothing() {
        StringBuilder out = new StringBuilder();
        assertThat(LineProtocol.append(out, new DeviceMessage(SMOKE, 9, OptionalLong.of(1), Map.of(), List.of(), 0))).isZero();
        assertThat(out).isEmpty();
    }

    @Test
    void lineBreakInATagIsRefusedRatherThanSplittingThePoint() {
        Device injected = new Device(new DeviceId("d-3"), "smoke", 3, "g\nreadings,device_id=other t=1");
        DeviceMessage message = new DeviceMessage(injected, 9, OptionalLong.of(1), Map.of("t", 1.0), List.of(), 0);
        assertThatThrownBy(() -> LineProtocol.append(new StringBuilder(), message))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
    }

    private static String line(DeviceMessage message) {
        StringBuilder out = new StringBuilder();
        LineProtocol.append(out, message);
        return out.toString();
    }
}
