package dev.sessiond.store.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one connection, kept by SQL text so each is parsed once. Not thread
 * safe: it belongs to the thread that owns the connection.
 */
public final class StatementCache implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  public StatementCache(Connection connection) {
    this.connection = connection;
  }

  /**
   * The prepared statement for {@code sql}, prepared on first use. Its parameters keep the values
   * of the last use, so callers set every one.
   */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /** Runs {@code sql}, which takes no parameters, such as {@code COMMIT}. */
  public void execute(String sql) throws SQLException {
    prepare(sql).execute();
  }

  /** Closes every statement, then the connection. Does nothing the second time. */
  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        failure = e;
      }
    }
    statements.clear();
    connection.close();
    if (failure != null) {
      throw failure;
    }
  }
}
