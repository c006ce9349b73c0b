package org.pumppki.ca.store;

import java.util.Arrays;
import java.util.Optional;

/** The orders the device list offers, each backed by an index. */
public record DeviceSort(Field field, boolean descending) {

    public static final DeviceSort DEFAULT = new DeviceSort(Field.CREATED_AT, false);

    /** Sortable columns, by their API names. */
    public enum Field {
        SERIAL("serial", "d.serial"),
        MODEL("model", "d.model"),
        LOCATION("location", "d.location"),
        STATE("state", "d.state"),
        KIND("kind", "d.kind"),
        CREATED_AT("createdAt", "d.createdAt");

        private final String apiName;
        private final String path;

        Field(String apiName, String path) {
            this.apiName = apiName;
            this.path = path;
        }

        public String apiName() {
            return apiName;
        }

        String path() {
            return path;
        }
    }

    /** Parses {@code serial} or {@code -createdAt} (descending). */
    public static Optional<DeviceSort> parse(String value) {
        boolean descending = value.startsWith("-");
        String name = descending ? value.substring(1) : value;
        return Arrays.stream(Field.values()).filter(f -> f.apiName.equals(name)).findFirst()
                .map(f -> new DeviceSort(f, descending));
    }

    String orderBy() {
        String direction = descending ? " desc" : " asc";
        // The id breaks ties, so that paging is stable.
        return field.path() + direction + ", d.id" + direction;
    }
}
