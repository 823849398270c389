package org.firehub.alarms.web;

import org.firehub.alarms.Alarm;

/** One change on the live feed, numbered, with its SSE frame encoded once for every client. */
record FeedEvent(long seq, Alarm alarm, String frame) {

    static FeedEvent of(long seq, String eventName, Alarm alarm, String json) {
        return new FeedEvent(seq, alarm, "id: " + seq + "\nevent: " + eventName + "\ndata: " + json + "\n\n");
    }
}
