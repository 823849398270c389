package org.firehub.people;

import java.time.Instant;
import java.util.List;

/** A grid: its leader (who overdue tickets escalate to), how many venues it holds, who works it. */
public record GridProfile(String code, String name, Long leaderUserId, long venues, List<Member> members, Instant createdAt) {
    public GridProfile {
        members = List.copyOf(members);
    }

    /** A grid worker of the grid. */
    public record Member(long id, String username) {}
}
