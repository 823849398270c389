package org.firehub.registry;

/** A venue to create; text fields are trimmed. */
public record NewVenue(String name, String address, String type, String grid) {
    public NewVenue {
        name = trim(name);
        address = trim(address);
        type = trim(type);
        grid = trim(grid);
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
