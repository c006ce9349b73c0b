package org.pumppki.ca.domain;

import java.util.Arrays;
import java.util.Optional;

/** An enum known outside Java by a label: in the API, in CSV files and in database columns. */
public interface Labelled {

    String label();

    static <E extends Enum<E> & Labelled> Optional<E> fromLabel(Class<E> type, String label) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.label().equals(label)).findFirst();
    }
}
