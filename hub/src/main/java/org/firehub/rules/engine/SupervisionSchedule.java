package org.firehub.rules.engine;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * When each supervised device of one shard falls silent, as a min-heap keyed by deadline.
 * A tick looks only at the heap's head, so finding the few newly silent devices among 100,000
 * costs O(k log n), not a scan.
 *
 * <p>A message does not touch the heap: it only moves the device's last-seen time. An entry
 * that comes due is checked against the device's real deadline and pushed back if the device
 * was heard from meanwhile ({@link Entry#deadline} is a lower bound). Each device therefore has
 * at most one entry, however often it talks. Not thread-safe: owned by one shard thread.
 */
final class SupervisionSchedule {
    record Entry(long deadline, DeviceState device) {}

    private final PriorityQueue<Entry> heap = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));

    /** Schedules the device unless it already has an entry. */
    void schedule(DeviceState device, long deadline) {
        if (device.scheduled) return;
        device.scheduled = true;
        heap.add(new Entry(deadline, device));
    }

    /** Removes every entry due at {@code now} and hands it over; the consumer may reschedule. */
    void pollDue(long now, Consumer<Entry> due) {
        while (!heap.isEmpty() && heap.peek().deadline() <= now) {
            Entry entry = heap.poll();
            entry.device().scheduled = false;
            due.accept(entry);
        }
    }

    /** Forgets every entry, e.g. before rescheduling all devices under reloaded rules. */
    void clear() {
        heap.forEach(e -> e.device().scheduled = false);
        heap.clear();
    }

    int size() {
        return heap.size();
    }
}
