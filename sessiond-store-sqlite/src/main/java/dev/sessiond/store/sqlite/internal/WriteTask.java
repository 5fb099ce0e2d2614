package dev.sessiond.store.sqlite.internal;

import java.sql.SQLException;

/**
 * One write, run by the {@link GroupCommitWriter} on its thread inside a shared transaction and its
 * own savepoint. If it throws, only its own changes are rolled back.
 *
 * @param <T> what the caller gets back once the transaction committed; may be {@code null}
 */
@FunctionalInterface
public interface WriteTask<T> {
  /** Runs the write with the writer's statements. Never called concurrently. */
  T run(StatementCache statements) throws SQLException;
}
