package org.firehub.alarms;

import java.time.Instant;

/** A person's note on an alarm. {@code author} is the username. */
public record AlarmComment(long id, long alarmId, String author, String text, Instant createdAt) {}
