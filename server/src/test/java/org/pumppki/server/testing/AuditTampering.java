package org.pumppki.server.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import org.pumppki.ca.store.AuditEventRepository;

/**
 * Rewrites the audit log as an attacker with the schema owner's rights could (disabling the
 * append-only trigger), and puts back exactly what it changed when closed. While open it holds the
 * chain lock, so no event is appended to a log that is about to be restored: sign in every role the
 * test uses before opening it.
 */
public final class AuditTampering implements AutoCloseable {

    /** Undoes one change. */
    private interface Undo {
        void run() throws SQLException;
    }

    private final Connection owner;
    private final Deque<Undo> undo = new ArrayDeque<>();
    private int removals;

    private AuditTampering(Connection owner) {
        this.owner = owner;
    }

    public static AuditTampering begin() throws SQLException {
        Connection owner = SchemaOwner.connect();
        try (PreparedStatement lock = owner.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, AuditEventRepository.CHAIN_LOCK);
            lock.execute();
        } catch (SQLException e) {
            owner.close();
            throw e;
        }
        return new AuditTampering(owner);
    }

    /** The id of the event right after {@code id} in the chain. */
    public long nextEventId(long id) throws SQLException {
        try (PreparedStatement query = owner.prepareStatement("SELECT min(id) FROM audit_event WHERE id > ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long next = row.getLong(1);
                if (row.wasNull()) {
                    throw new IllegalStateException("No event follows event " + id);
                }
                return next;
            }
        }
    }

    /** Deletes the event {@code id}. */
    public void remove(long id) throws SQLException {
        removeWhere("id = " + id);
    }

    /** Deletes event {@code fromId} and every newer one: the newest events. */
    public void removeFrom(long fromId) throws SQLException {
        removeWhere("id >= " + fromId);
    }

    /** Rewrites the actor of event {@code id}. */
    public void setActor(long id, String actor) throws SQLException {
        String previous;
        try (PreparedStatement query = owner.prepareStatement("SELECT actor FROM audit_event WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                previous = row.getString(1);
            }
        }
        updateActor(id, actor);
        undo.push(() -> updateActor(id, previous));
    }

    private void updateActor(long id, String actor) throws SQLException {
        withoutAppendOnlyTrigger(() -> {
            try (PreparedStatement update = owner.prepareStatement("UPDATE audit_event SET actor = ? WHERE id = ?")) {
                update.setString(1, actor);
                update.setLong(2, id);
                update.executeUpdate();
            }
        });
    }

    /** Exchanges the positions (ids) of two events. */
    public void swap(long a, long b) throws SQLException {
        exchange(a, b);
        undo.push(() -> exchange(a, b));
    }

    private void removeWhere(String condition) throws SQLException {
        String copy = "removed_audit_events_" + removals++;
        try (Statement statement = owner.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE " + copy + " AS SELECT * FROM audit_event WHERE " + condition);
            withoutAppendOnlyTrigger(() -> statement.executeUpdate("DELETE FROM audit_event WHERE " + condition));
        }
        undo.push(() -> {
            try (Statement statement = owner.createStatement()) {
                statement.executeUpdate("INSERT INTO audit_event SELECT * FROM " + copy);
                statement.execute("DROP TABLE " + copy);
            }
        });
    }

    private void exchange(long a, long b) throws SQLException {
        withoutAppendOnlyTrigger(() -> {
            try (Statement statement = owner.createStatement()) {
                statement.executeUpdate("UPDATE audit_event SET id = " + -a + " WHERE id = " + a);
                statement.executeUpdate("UPDATE audit_event SET id = " + a + " WHERE id = " + b);
                statement.executeUpdate("UPDATE audit_event SET id = " + b + " WHERE id = " + -a);
            }
        });
    }

    private void withoutAppendOnlyTrigger(Undo change) throws SQLException {
        owner.setAutoCommit(false);
        try (Statement statement = owner.createStatement()) {
            statement.execute("ALTER TABLE audit_event DISABLE TRIGGER tr_audit_event_append_only");
            change.run();
            statement.execute("ALTER TABLE audit_event ENABLE TRIGGER tr_audit_event_append_only");
            owner.commit();
        } catch (SQLException | RuntimeException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(true);
        }
    }

    /** Restores every change, newest first, and lets events be appended again. */
    @Override
    public void close() throws SQLException {
        try {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            try (PreparedStatement unlock = owner.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, AuditEventRepository.CHAIN_LOCK);
                unlock.execute();
            }
        } finally {
            owner.close();
        }
    }
}
