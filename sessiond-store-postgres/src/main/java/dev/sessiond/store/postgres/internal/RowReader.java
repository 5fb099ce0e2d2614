package dev.sessiond.store.postgres.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps the current row of a result set to a value.
 *
 * @param <T> the value; never {@code null}
 */
@FunctionalInterface
public interface RowReader<T> {
  /** Reads the row {@code rows} is on, without moving it. */
  T read(ResultSet rows) throws SQLException;
}
