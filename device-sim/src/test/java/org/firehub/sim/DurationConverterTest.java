package org.firehub.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void acceptsBareSecondsAndUnits() {
        assertEquals(Duration.ofSeconds(60), converter.convert("60"));
        assertEquals(Duration.ofSeconds(20), converter.convert("20s"));
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
        assertEquals(Duration.ofHours(2), converter.convert("2h"));
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertEquals("'soon' is not a duration; e.g. 60, 60s, 500ms, 5m, 2h",
                assertThrows(TypeConversionException.class, () -> converter.convert("soon")).getMessage());
        assertThrows(TypeConversionException.class, () -> converter.convert("-5s"));
    }
}
