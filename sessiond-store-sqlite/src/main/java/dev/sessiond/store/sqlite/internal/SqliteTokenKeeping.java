package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.SqliteDatabase.bind;

import dev.sessiond.Event;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SigningKeyRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Refresh-token families and signing keys in the SQLite file, for the store that owns {@code
 * database}. Beyond the interfaces: a {@code null} argument throws {@link NullPointerException};
 * {@link #insertRefreshToken} also throws {@link IllegalStateException} if the session is not
 * stored or already has a current token; {@link #rotateRefreshToken} throws {@link
 * IllegalArgumentException} if {@code next} has a rotation time, and returns {@code false} if it
 * names another session than the presented token or its hash is taken; {@link #rotateSigningKey}
 * throws {@link IllegalArgumentException} if {@code next} is retired. A rotation of either kind
 * appends its event in the same write task.
 */
public final class SqliteTokenKeeping {
  private final SqliteDatabase database;
  private final SqliteEvents events;

  public SqliteTokenKeeping(SqliteDatabase database, SqliteEvents events) {
    this.database = database;
    this.events = events;
  }

  public void insertRefreshToken(RefreshToken token) {
    Object[] values = TokenRows.values(Objects.requireNonNull(token, "token"));
    String conflict = database.write(statements -> {
      PreparedStatement insert = statements.prepare(TokenSql.INSERT_REFRESH);
      bind(insert, values);
      try {
        if (insert.executeUpdate() == 1) {
          return null;
        }
      } catch (SQLiteException e) {
        if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY) {
          return "no session with this id is stored";
        }
        throw e;
      }
      return find(statements.prepare(TokenSql.FIND_REFRESH), token.hash()).isPresent()
          ? "a refresh token with this hash exists"
          : "the session already has a current refresh token";
    });
    if (conflict != null) {
      throw new IllegalStateException(conflict);
    }
  }

  public Optional<RefreshToken> findRefreshToken(String hash) {
    Objects.requireNonNull(hash, "hash");
    return database.queryFirst(TokenSql.FIND_REFRESH, TokenRows::refreshToken, hash);
  }

  public Optional<RefreshToken> currentRefreshToken(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return database.queryFirst(TokenSql.HEAD, TokenRows::refreshToken, sessionId);
  }

  public boolean rotateRefreshToken(String presentedHash, RefreshToken next, Instant now,
      AuditRecord audit) {
    Objects.requireNonNull(presentedHash, "presentedHash");
    Objects.requireNonNull(next, "next");
    Object[] auditValues = SqliteAuditLog.valuesOrNull(audit);
    long rotatedAt = now.toEpochMilli();
    if (!next.isCurrent()) {
      throw new IllegalArgumentException("the next refresh token must not be rotated");
    }
    return database.write(statements -> {
      PreparedStatement rotate = statements.prepare(TokenSql.ROTATE_HEAD);
      bind(rotate, rotatedAt, presentedHash, next.sessionId(), next.hash());
      if (events.appendEach(statements, rotate, row -> Event.sessionRefreshed(
          row.getString("tenant_id"), next.sessionId(), row.getString("user_id"), now)).isEmpty()) {
        return false;
      }
      PreparedStatement insert = statements.prepare(TokenSql.INSERT_HEAD);
      bind(insert, next.hash(), next.sessionId(), next.issuedAt().toEpochMilli());
      insert.executeUpdate();
      if (auditValues != null) {
        SqliteAuditLog.append(statements, auditValues);
      }
      return true;
    });
  }

  public void rotateSigningKey(SigningKeyRecord next, Instant now) {
    Object[] values = TokenRows.values(Objects.requireNonNull(next, "next"));
    long retiredAt = now.toEpochMilli();
    Event rotated = Event.signingKeyRotated(next.kid(), now);
    if (next.retiredAt() != null) {
      throw new IllegalArgumentException("the next signing key must not be retired");
    }
    database.write(statements -> {
      PreparedStatement retire = statements.prepare(TokenSql.RETIRE_KEYS);
      bind(retire, retiredAt, next.algorithm());
      retire.executeUpdate();
      PreparedStatement insert = statements.prepare(TokenSql.INSERT_KEY);
      bind(insert, values);
      if (insert.executeUpdate() != 1) {
        // Thrown inside the task, so the writer rolls the retirement back too.
        throw new IllegalStateException("a signing key with this kid exists");
      }
      events.append(statements, rotated);
      return null;
    });
  }

  public List<SigningKeyRecord> signingKeys() {
    return database.query(TokenSql.ALL_KEYS, TokenRows::signingKey);
  }

  public int deleteSigningKeysRetiredBefore(Instant cutoff) {
    return database.update(TokenSql.DELETE_RETIRED_KEYS, cutoff.toEpochMilli());
  }

  private static Optional<RefreshToken> find(PreparedStatement find, String hash)
      throws SQLException {
    bind(find, hash);
    try (ResultSet rows = find.executeQuery()) {
      return rows.next() ? Optional.of(TokenRows.refreshToken(rows)) : Optional.empty();
    }
  }
}
