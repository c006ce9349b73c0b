package org.pumppki.ca.store;

import java.util.List;
import java.util.function.Function;

/** One page of a larger result, numbered from 0. */
public record Page<T>(List<T> items, long total, int page, int size) {

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), total, page, size);
    }
}
