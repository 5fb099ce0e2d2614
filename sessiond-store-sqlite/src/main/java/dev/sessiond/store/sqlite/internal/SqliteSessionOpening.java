package dev.sessiond.store.sqlite.internal;

import dev.sessiond.Event;
import dev.sessiond.SessionLimit;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SessionLimitStore.Outcome;
import dev.sessiond.store.SessionRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Opens sessions for {@code SqliteSessionStore}: alone, with their first refresh token, or with it
 * under a per-user limit. Each open appends its {@code session.created} event in the same write
 * task. Under a limit, counting the user's active sessions, evicting and inserting are one write
 * task, so on the single writer they are one indivisible step: concurrent opens can never
 * overshoot the limit. A {@code null} argument throws {@link NullPointerException}.
 */
public final class SqliteSessionOpening {
  private final SqliteDatabase database;
  private final SqliteEvents events;
  private final SqliteSessionEndings endings;

  public SqliteSessionOpening(SqliteDatabase database, SqliteEvents events,
      SqliteSessionEndings endings) {
    this.database = database;
    this.events = events;
    this.endings = endings;
  }

  /**
   * See {@link dev.sessiond.store.SessionStore#insert}.
   *
   * @throws IllegalStateException if a session with this id exists
   */
  public void insert(SessionRecord session) {
    Object[] sessionValues = SessionRows.values(Objects.requireNonNull(session, "session"));
    Event created = Event.sessionCreated(session);
    database.write(statements -> {
      insertSession(statements, sessionValues, created);
      return null;
    });
  }

  /**
   * See {@link dev.sessiond.store.RefreshTokenStore#insertWithRefreshToken}; {@code audit} may be
   * {@code null} for none.
   *
   * @throws IllegalStateException if the session id or the token hash is taken
   */
  public void insertWithRefreshToken(SessionRecord session, RefreshToken first,
      AuditRecord audit) {
    Object[] sessionValues = SessionRows.values(Objects.requireNonNull(session, "session"));
    Object[] tokenValues = TokenRows.values(Objects.requireNonNull(first, "first"));
    Object[] auditValues = SqliteAuditLog.valuesOrNull(audit);
    Event created = Event.sessionCreated(session);
    database.write(statements -> {
      insertBoth(statements, sessionValues, created, tokenValues, auditValues);
      return null;
    });
  }

  /** See {@link dev.sessiond.store.SessionLimitStore#insertWithinLimit}. */
  public Outcome insertWithinLimit(SessionRecord session, RefreshToken first, SessionLimit limit,
      Ending eviction, AuditRecord audit) {
    Object[] sessionValues = SessionRows.values(Objects.requireNonNull(session, "session"));
    Object[] tokenValues = TokenRows.values(Objects.requireNonNull(first, "first"));
    Object[] auditValues = SqliteAuditLog.valuesOrNull(audit);
    Objects.requireNonNull(eviction, "eviction");
    Event created = Event.sessionCreated(session);
    long now = session.loginAt().toEpochMilli();
    return database.write(statements -> {
      PreparedStatement active = statements.prepare(limit.perClientType()
          ? SessionSql.ACTIVE_FOR_USER_AND_TYPE : SessionSql.ACTIVE_FOR_USER);
      if (limit.perClientType()) {
        SqliteDatabase.bind(active, session.tenantId(), session.userId(), now,
            session.clientType().wireName());
      } else {
        SqliteDatabase.bind(active, session.tenantId(), session.userId(), now);
      }
      List<String> ids = new ArrayList<>();
      try (ResultSet rows = active.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      int excess = ids.size() - limit.maxSessions() + 1;
      if (excess > 0 && limit.policy() == SessionLimit.Policy.DENY_NEW) {
        return new Outcome(false, List.of());
      }
      List<String> evicted = new ArrayList<>();
      for (int i = 0; i < excess; i++) {
        if (endings.revoke(statements, ids.get(i), eviction)) {
          evicted.add(ids.get(i));
        }
      }
      insertBoth(statements, sessionValues, created, tokenValues, auditValues);
      return new Outcome(true, evicted);
    });
  }

  /**
   * Inserts a session, its first refresh token and, if {@code auditValues} is not {@code null},
   * the audit record of the open, inside the current write task. A clash throws, so the writer
   * rolls the whole task back, whatever it did before.
   */
  private void insertBoth(StatementCache statements, Object[] sessionValues, Event created,
      Object[] tokenValues, Object[] auditValues) throws SQLException {
    insertSession(statements, sessionValues, created);
    PreparedStatement insertToken = statements.prepare(TokenSql.INSERT_REFRESH);
    SqliteDatabase.bind(insertToken, tokenValues);
    if (insertToken.executeUpdate() != 1) {
      throw new IllegalStateException("a refresh token with this hash exists");
    }
    if (auditValues != null) {
      SqliteAuditLog.append(statements, auditValues);
    }
  }

  /** Inserts a session and its {@code created} event inside the current write task. */
  private void insertSession(StatementCache statements, Object[] sessionValues, Event created)
      throws SQLException {
    PreparedStatement insertSession = statements.prepare(SessionSql.INSERT);
    SqliteDatabase.bind(insertSession, sessionValues);
    if (insertSession.executeUpdate() != 1) {
      throw new IllegalStateException("a session with this id exists");
    }
    events.append(statements, created);
  }
}
