package org.firehub.rules.engine;

import org.firehub.alarms.AlarmClear;
import org.firehub.alarms.AlarmRaise;
import org.firehub.alarms.AlarmSubject;

/**
 * A raise or clear the engine decided and the sink must store.
 *
 * <p>{@code startNanos} is the {@link System#nanoTime()} of the {@code stored()} call that led
 * to it, for the decision-latency timer; {@link #NOT_TIMED} for decisions made by the clock
 * (supervision) or at start.
 */
sealed interface Decision {
    long NOT_TIMED = Long.MIN_VALUE;

    AlarmSubject subject();

    String ruleId();

    long startNanos();

    record Raise(AlarmRaise raise, long startNanos) implements Decision {
        @Override
        public AlarmSubject subject() {
            return raise.subject();
        }

        @Override
        public String ruleId() {
            return raise.ruleId();
        }
    }

    record Clear(AlarmClear clear, long startNanos) implements Decision {
        @Override
        public AlarmSubject subject() {
            return clear.subject();
        }

        @Override
        public String ruleId() {
            return clear.ruleId();
        }
    }
}
