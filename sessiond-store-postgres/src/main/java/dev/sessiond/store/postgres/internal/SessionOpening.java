package dev.sessiond.store.postgres.internal;

import dev.sessiond.Event;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SessionRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The writes of an open: a session, the first token of its family and, if any, the audit record of
 * the open, run inside the caller's transaction. Used alone by {@code insertWithRefreshToken} and
 * after the count and evictions by a limited open. The caller appends its {@link #created} event,
 * last, with whatever else its transaction reports.
 *
 * @param session never {@code null}
 * @param first never {@code null}
 * @param audit {@code null} for none
 */
public record SessionOpening(SessionRecord session, RefreshToken first, AuditRecord audit) {
  public SessionOpening {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(first, "first");
  }

  /**
   * Stores it all on {@code connection}, whose transaction the caller commits. A clash throws, so
   * the caller rolls back the whole transaction, whatever it did before.
   *
   * @throws IllegalStateException if the session id or the token hash is taken, or the session
   *     already has a current token
   */
  public void storeIn(Connection connection) throws SQLException {
    if (PostgresDatabase.update(connection, SessionSql.INSERT, SessionRows.values(session)) != 1) {
      throw new IllegalStateException("a session with this id exists");
    }
    if (PostgresDatabase.update(connection, TokenSql.INSERT_REFRESH, TokenRows.values(first))
        != 1) {
      throw new IllegalStateException("a refresh token with this hash exists");
    }
    PostgresAuditLog.appendIn(connection, audit);
  }

  /** The {@code session.created} event of the session. */
  public Event created() {
    return Event.sessionCreated(session);
  }
}
