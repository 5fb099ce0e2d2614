package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.SqliteDatabase.bind;

import dev.sessiond.Event;
import dev.sessiond.store.Ending;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Ends sessions, by revocation or expiry, for {@code SqliteSessionStore}. Each write appends a
 * {@code session.revoked} or {@code session.expired} event for every session it ended, in the
 * same write task, taking the session's tenant and user from the statement's {@code RETURNING}
 * rows. A {@code null} argument throws {@link NullPointerException}, a negative limit {@link
 * IllegalArgumentException}.
 */
public final class SqliteSessionEndings {
  private final SqliteDatabase database;
  private final SqliteEvents events;

  public SqliteSessionEndings(SqliteDatabase database, SqliteEvents events) {
    this.database = database;
    this.events = events;
  }

  /** See {@link dev.sessiond.store.SessionStore#revoke}. */
  public boolean revoke(String id, Ending ending) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ending, "ending");
    return database.write(statements -> revoke(statements, id, ending));
  }

  /**
   * Revokes session {@code id} inside the current write task, as {@link #revoke(String, Ending)}
   * does, with its event.
   *
   * @return whether it revoked it; {@code false} if it is unknown or not active at the ending
   */
  public boolean revoke(StatementCache statements, String id, Ending ending) throws SQLException {
    PreparedStatement revoke = statements.prepare(SessionSql.REVOKE);
    SessionRows.bindEnding(revoke, ending);
    revoke.setString(4, id);
    revoke.setLong(5, ending.at().toEpochMilli());
    return !events.appendEach(statements, revoke, row -> Event.sessionRevoked(
        row.getString("tenant_id"), id, row.getString("user_id"), ending)).isEmpty();
  }

  /** See {@link dev.sessiond.store.SessionStore#revokeAllForUser}. */
  public List<String> revokeAllForUser(String tenantId, String userId, Ending ending) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    long at = ending.at().toEpochMilli();
    return database.write(statements -> {
      PreparedStatement revoke = statements.prepare(SessionSql.REVOKE_USER);
      SessionRows.bindEnding(revoke, ending);
      revoke.setString(4, tenantId);
      revoke.setString(5, userId);
      revoke.setLong(6, at);
      return events.appendEach(statements, revoke,
              row -> Event.sessionRevoked(tenantId, row.getString("id"), userId, ending))
          .stream().map(Event::sessionId).toList();
    });
  }

  /** See {@link dev.sessiond.store.SessionSweeper#expireDue}. */
  public int expireDue(Instant now, int limit) {
    long at = now.toEpochMilli();
    SqliteDatabase.limit(limit);
    return database.write(statements -> {
      PreparedStatement expire = statements.prepare(SessionSql.EXPIRE_DUE);
      bind(expire, Ending.ABSOLUTE_LIFETIME, Ending.IDLE_TIMEOUT, Ending.SYSTEM, at, limit);
      return events.appendEach(statements, expire, SqliteSessionEndings::expired).size();
    });
  }

  private static Event expired(ResultSet row) throws SQLException {
    Ending ending = new Ending(Instant.ofEpochMilli(row.getLong("ended_at")),
        row.getString("end_reason"), row.getString("ended_by"));
    return Event.sessionExpired(row.getString("tenant_id"), row.getString("id"),
        row.getString("user_id"), ending);
  }
}
