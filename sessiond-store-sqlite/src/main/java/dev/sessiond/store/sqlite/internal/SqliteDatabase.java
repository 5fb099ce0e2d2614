package dev.sessiond.store.sqlite.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open SQLite file as the store uses it: writes go to the {@link GroupCommitWriter}, reads to
 * the pool of read-only connections. After {@link #close}, and whenever SQLite fails, every call
 * throws a {@link SessiondException} with {@link ErrorCode#UNAVAILABLE} whose message holds no row
 * contents.
 */
public final class SqliteDatabase implements AutoCloseable {
  private final GroupCommitWriter writer;
  private final HikariDataSource readers;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Takes ownership of both: {@link #close} closes them. */
  public SqliteDatabase(GroupCommitWriter writer, HikariDataSource readers) {
    this.writer = writer;
    this.readers = readers;
  }

  /**
   * Runs {@code task} in the writer's next group commit and returns once that committed.
   *
   * @return what the task returned
   * @throws RuntimeException what the task threw; its changes are rolled back
   */
  public <T> T write(WriteTask<T> task) {
    ensureOpen();
    return writer.execute(task);
  }

  /**
   * Runs the statement {@code sql} with {@code params} as a write, as {@link #write} does.
   *
   * @return its update count
   */
  public int update(String sql, Object... params) {
    return write(statements -> {
      PreparedStatement statement = statements.prepare(sql);
      bind(statement, params);
      return statement.executeUpdate();
    });
  }

  /** Runs {@code task} on a read-only connection. */
  public <T> T read(ReadTask<T> task) {
    ensureOpen();
    try (Connection connection = readers.getConnection()) {
      return task.run(connection);
    } catch (SQLException e) {
      throw failure("the session store could not read", e);
    }
  }

  /**
   * Runs the query {@code sql} with {@code params} on a read-only connection.
   *
   * @return every row as {@code reader} maps it, in the query's order; never {@code null}
   */
  public <T> List<T> query(String sql, RowReader<T> reader, Object... params) {
    return read(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        bind(statement, params);
        try (ResultSet rows = statement.executeQuery()) {
          return readAll(rows, reader);
        }
      }
    });
  }

  /**
   * Runs the query {@code sql} with {@code params} on a read-only connection, for at most one row.
   *
   * @return its first row as {@code reader} maps it; empty if there is none
   */
  public <T> Optional<T> queryFirst(String sql, RowReader<T> reader, Object... params) {
    List<T> rows = query(sql, reader, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /**
   * {@code limit}, checked for a {@code LIMIT} parameter (SQLite reads a negative one as none).
   *
   * @throws IllegalArgumentException if it is negative
   */
  public static int limit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    return limit;
  }

  /** Binds {@code values} to parameters 1..n of {@code statement}; {@code null} binds NULL. */
  public static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }

  /** Every remaining row of {@code rows}, as {@code reader} maps it; never {@code null}. */
  public static <T> List<T> readAll(ResultSet rows, RowReader<T> reader) throws SQLException {
    List<T> values = new ArrayList<>();
    while (rows.next()) {
      values.add(reader.read(rows));
    }
    return values;
  }

  /** The writer, for tests that look at its commit counts. */
  public GroupCommitWriter writer() {
    return writer;
  }

  /** Finishes the queued writes, then closes the writer and the readers. Does nothing if closed. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        writer.close();
      } finally {
        readers.close();
      }
    }
  }

  /** An {@link ErrorCode#UNAVAILABLE} failure saying {@code detail}, caused by {@code cause}. */
  public static SessiondException failure(String detail, Exception cause) {
    SessiondException failure = new SessiondException(ErrorCode.UNAVAILABLE, detail);
    failure.initCause(cause);
    return failure;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new SessiondException(ErrorCode.UNAVAILABLE, "the session store is closed");
    }
  }
}
