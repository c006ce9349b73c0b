package org.pumppki.scheduler.scan;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Walks a keyset-paginated query batch by batch, each read in a short transaction of its own, so
 * that a scan over a million certificates never holds them all in memory nor a transaction open
 * for the whole scan.
 */
final class Batches {

    static final int SIZE = 1000;

    private Batches() {
    }

    /**
     * @param fetch   reads the batch after the given row (null: the first batch), at most {@link #SIZE} rows
     * @param handle  processes one batch
     * @return how many rows were read in total
     */
    static <R> long forEach(Function<R, List<R>> fetch, Consumer<List<R>> handle) {
        long total = 0;
        R last = null;
        while (true) {
            R after = last;
            List<R> rows = QuarkusTransaction.requiringNew().call(() -> fetch.apply(after));
            if (rows.isEmpty()) {
                return total;
            }
            handle.accept(rows);
            total += rows.size();
            if (rows.size() < SIZE) {
                return total;
            }
            last = rows.get(rows.size() - 1);
        }
    }
}
