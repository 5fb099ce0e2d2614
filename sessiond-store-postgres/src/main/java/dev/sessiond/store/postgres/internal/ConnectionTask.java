package dev.sessiond.store.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection of the pool: the statements of one transaction, or of one read.
 *
 * @param <T> what the work answers; may be {@code null}
 */
@FunctionalInterface
public interface ConnectionTask<T> {
  /**
   * Runs the work. It may run more than once (a transaction undone by a deadlock runs again), so it
   * keeps its state inside.
   */
  T run(Connection connection) throws SQLException;
}
