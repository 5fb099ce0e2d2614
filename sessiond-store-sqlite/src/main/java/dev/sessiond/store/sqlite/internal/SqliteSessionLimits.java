package dev.sessiond.store.sqlite.internal;

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
 * Opens sessions under a per-user limit for {@code SqliteSessionStore}. Counting the user's active
 * sessions, evicting and inserting are one write task, so on the single writer they are one
 * indivisible step: concurrent opens can never overshoot the limit.
 */
public final class SqliteSessionLimits {
  private final SqliteDatabase database;

  public SqliteSessionLimits(SqliteDatabase database) {
    this.database = database;
  }

  /** See {@link dev.sessiond.store.SessionLimitStore#insertWithinLimit}. */
  public Outcome insertWithinLimit(SessionRecord session, RefreshToken first, SessionLimit limit,
      Ending eviction, AuditRecord audit) {
    Object[] sessionValues = SessionRows.values(Objects.requireNonNull(session, "session"));
    Object[] tokenValues = TokenRows.values(Objects.requireNonNull(first, "first"));
    Object[] auditValues = SqliteAuditLog.valuesOrNull(audit);
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
        PreparedStatement revoke = statements.prepare(SessionSql.REVOKE);
        SessionRows.bindEnding(revoke, eviction);
        revoke.setString(4, ids.get(i));
        revoke.setLong(5, eviction.at().toEpochMilli());
        if (revoke.executeUpdate() == 1) {
          evicted.add(ids.get(i));
        }
      }
      insertBoth(statements, sessionValues, tokenValues, auditValues);
      return new Outcome(true, evicted);
    });
  }

  /**
   * Inserts a session, its first refresh token and, if {@code auditValues} is not {@code null},
   * the audit record of the open, inside the current write task. A clash throws, so the writer
   * rolls the whole task back, whatever it did before.
   *
   * @throws IllegalStateException if the session id or the token hash is taken
   */
  public static void insertBoth(StatementCache statements, Object[] sessionValues,
      Object[] tokenValues, Object[] auditValues) throws SQLException {
    PreparedStatement insertSession = statements.prepare(SessionSql.INSERT);
    SqliteDatabase.bind(insertSession, sessionValues);
    if (insertSession.executeUpdate() != 1) {
      throw new IllegalStateException("a session with this id exists");
    }
    PreparedStatement insertToken = statements.prepare(TokenSql.INSERT_REFRESH);
    SqliteDatabase.bind(insertToken, tokenValues);
    if (insertToken.executeUpdate() != 1) {
      throw new IllegalStateException("a refresh token with this hash exists");
    }
    if (auditValues != null) {
      SqliteAuditLog.append(statements, auditValues);
    }
  }
}
