package dev.sessiond.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One read, run by {@link SqliteDatabase#read} on a pooled read-only connection that is returned to
 * the pool afterwards.
 *
 * @param <T> what the caller gets back; may be {@code null}
 */
@FunctionalInterface
public interface ReadTask<T> {
  /** Runs the read on {@code connection}, which it must not close or keep. */
  T run(Connection connection) throws SQLException;
}
