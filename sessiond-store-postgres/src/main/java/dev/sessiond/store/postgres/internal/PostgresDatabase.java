package dev.sessiond.store.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pool of one store and the ways its work runs: {@link #transaction} for several statements
 * that commit together, the others for one statement in autocommit. Either way the work is
 * committed before the call returns. Work undone by a deadlock or a serialization failure runs
 * again, up to {@value #ATTEMPTS} times in all. Failures are sorted by {@link PostgresFailures};
 * after {@link #close}, every call throws {@link dev.sessiond.ErrorCode#UNAVAILABLE}.
 */
public final class PostgresDatabase implements AutoCloseable {
  private static final int ATTEMPTS = 3;

  private final HikariDataSource pool;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Takes ownership of {@code pool}: {@link #close} closes it. */
  public PostgresDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Runs {@code task} in one transaction and commits it. If the task throws, the transaction is
   * rolled back and the exception thrown on.
   *
   * @return what the task returned
   */
  public <T> T transaction(ConnectionTask<T> task) {
    return run(connection -> {
      connection.setAutoCommit(false);
      try {
        T result = task.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    }, "write");
  }

  /**
   * Runs the one statement {@code sql} with {@code params}, committed on its own.
   *
   * @return its update count
   */
  public int update(String sql, Object... params) {
    return run(connection -> update(connection, sql, params), "write");
  }

  /**
   * Runs the one statement {@code sql} with {@code params}, committed on its own, and reads the
   * rows it returns ({@code RETURNING}).
   *
   * @return every row as {@code reader} maps it; never {@code null}
   */
  public <T> List<T> updateReturning(String sql, RowReader<T> reader, Object... params) {
    return run(connection -> query(connection, sql, reader, params), "write");
  }

  /**
   * Runs the query {@code sql} with {@code params}.
   *
   * @return every row as {@code reader} maps it, in the query's order; never {@code null}
   */
  public <T> List<T> query(String sql, RowReader<T> reader, Object... params) {
    return run(connection -> query(connection, sql, reader, params), "read");
  }

  /**
   * Runs the query {@code sql} with {@code params}, for at most one row.
   *
   * @return its first row as {@code reader} maps it; empty if there is none
   */
  public <T> Optional<T> queryFirst(String sql, RowReader<T> reader, Object... params) {
    List<T> rows = query(sql, reader, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Runs the statement {@code sql} with {@code params} on {@code connection}; its update count. */
  public static int update(Connection connection, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      return statement.executeUpdate();
    }
  }

  /**
   * Runs the query {@code sql} with {@code params} on {@code connection}.
   *
   * @return every row as {@code reader} maps it, in the query's order; never {@code null}
   */
  public static <T> List<T> query(Connection connection, String sql, RowReader<T> reader,
      Object... params) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> values = new ArrayList<>();
        while (rows.next()) {
          values.add(reader.read(rows));
        }
        return values;
      }
    }
  }

  /**
   * Binds {@code values} to parameters 1..n of {@code statement}; {@code null} binds NULL of the
   * type the statement implies. Values are as {@link PgTypes} makes them.
   */
  public static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }

  /**
   * {@code limit}, checked for a {@code LIMIT} parameter.
   *
   * @throws IllegalArgumentException if it is negative
   */
  public static int limit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    return limit;
  }

  /** Closes the pool. Does nothing if already closed. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      pool.close();
    }
  }

  private <T> T run(ConnectionTask<T> task, String action) {
    for (int attempt = 1; ; attempt++) {
      if (closed.get()) {
        throw PostgresFailures.unavailable("the session store is closed", null);
      }
      try (Connection connection = pool.getConnection()) {
        return task.run(connection);
      } catch (SQLException e) {
        if (attempt >= ATTEMPTS || !PostgresFailures.isRetryable(e)) {
          throw PostgresFailures.of(action, e);
        }
      }
    }
  }

  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
