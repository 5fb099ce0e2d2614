package dev.sessiond.store.postgres.internal;

import dev.sessiond.Event;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SessionRecord;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Refresh-token families in PostgreSQL, for the store that owns {@code database}. Rotation is a
 * compare-and-set in SQL ({@link TokenSql#ROTATE_HEAD}), so it holds across every node on the
 * database. Beyond {@link dev.sessiond.store.RefreshTokenStore}: a {@code null} argument throws
 * {@link NullPointerException}; {@link #insertRefreshToken} also throws {@link
 * IllegalStateException} if the session is not stored; {@link #rotateRefreshToken} throws {@link
 * IllegalArgumentException} if {@code next} has a rotation time, and returns {@code false} if it
 * names another session than the presented token or its hash is taken.
 */
public final class PostgresRefreshTokens {
  private final PostgresDatabase database;

  public PostgresRefreshTokens(PostgresDatabase database) {
    this.database = database;
  }

  /** See {@link dev.sessiond.store.RefreshTokenStore#insertWithRefreshToken}. */
  public void insertWithRefreshToken(SessionRecord session, RefreshToken first,
      AuditRecord audit) {
    SessionOpening opening = new SessionOpening(session, first, audit);
    database.transaction(connection -> {
      opening.storeIn(connection);
      PostgresEvents.append(connection, List.of(opening.created()));
      return null;
    });
  }

  /** See {@link dev.sessiond.store.RefreshTokenStore#insertRefreshToken}. */
  public void insertRefreshToken(RefreshToken token) {
    Object[] values = TokenRows.values(Objects.requireNonNull(token, "token"));
    String conflict = database.transaction(connection -> {
      try {
        if (PostgresDatabase.update(connection, TokenSql.INSERT_REFRESH, values) == 1) {
          return null;
        }
      } catch (SQLException e) {
        if (PostgresFailures.is(e, PostgresFailures.FOREIGN_KEY_VIOLATION)) {
          connection.rollback();
          return "no session with this id is stored";
        }
        throw e;
      }
      return PostgresDatabase.query(connection, TokenSql.FIND_REFRESH, TokenRows::refreshToken,
          token.hash()).isEmpty()
          ? "the session already has a current refresh token"
          : "a refresh token with this hash exists";
    });
    if (conflict != null) {
      throw new IllegalStateException(conflict);
    }
  }

  /** See {@link dev.sessiond.store.RefreshTokenStore#findRefreshToken}. */
  public Optional<RefreshToken> findRefreshToken(String hash) {
    Objects.requireNonNull(hash, "hash");
    return database.queryFirst(TokenSql.FIND_REFRESH, TokenRows::refreshToken, hash);
  }

  /** See {@link dev.sessiond.store.RefreshTokenStore#currentRefreshToken}. */
  public Optional<RefreshToken> currentRefreshToken(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return database.queryFirst(TokenSql.HEAD, TokenRows::refreshToken, sessionId);
  }

  /**
   * See {@link dev.sessiond.store.RefreshTokenStore#rotateRefreshToken(String, RefreshToken,
   * Instant, AuditRecord)}. The compare-and-set, the new head, the audit record and the {@code
   * session.refreshed} event are one transaction; if the new head cannot be stored (its hash is
   * taken) it is rolled back whole.
   */
  public boolean rotateRefreshToken(String presentedHash, RefreshToken next, Instant now,
      AuditRecord audit) {
    Objects.requireNonNull(presentedHash, "presentedHash");
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(now, "now");
    if (!next.isCurrent()) {
      throw new IllegalArgumentException("the next refresh token must not be rotated");
    }
    return database.transaction(connection -> {
      List<Event> refreshed = PostgresDatabase.query(connection, TokenSql.ROTATE_HEAD,
          rows -> Event.sessionRefreshed(rows.getString("tenant_id"), next.sessionId(),
              rows.getString("user_id"), now),
          PgTypes.timestamp(now), presentedHash, next.sessionId());
      if (refreshed.isEmpty()) {
        return false;
      }
      if (PostgresDatabase.update(connection, TokenSql.INSERT_REFRESH, TokenRows.values(next))
          != 1) {
        connection.rollback();
        return false;
      }
      PostgresAuditLog.appendIn(connection, audit);
      PostgresEvents.append(connection, refreshed);
      return true;
    });
  }
}
