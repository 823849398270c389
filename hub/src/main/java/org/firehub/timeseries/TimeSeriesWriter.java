package org.firehub.timeseries;

import java.util.List;
import org.firehub.ingest.DeviceMessage;

/**
 * Writes one batch synchronously and says what became of it. Blocking by design: the spool
 * drainer calls it from its own thread and deletes only what came back {@link WriteOutcome.Written}.
 */
public interface TimeSeriesWriter {
    WriteOutcome write(List<DeviceMessage> batch);
}
