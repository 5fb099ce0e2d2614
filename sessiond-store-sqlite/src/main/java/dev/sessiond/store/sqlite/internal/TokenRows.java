package dev.sessiond.store.sqlite.internal;

import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SigningKeyRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Maps {@link RefreshToken}s to rows of {@code refresh_tokens} and {@link SigningKeyRecord}s to
 * rows of {@code signing_keys}, and back. Instants are epoch milliseconds; a {@code null} instant
 * is SQL {@code NULL}.
 */
public final class TokenRows {
  /** The columns of {@code refresh_tokens}, in the order {@link #values(RefreshToken)} uses. */
  public static final String REFRESH_COLUMNS = "hash, session_id, issued_at, rotated_at";

  /** The columns of {@code signing_keys}, in the order {@link #values(SigningKeyRecord)} uses. */
  public static final String KEY_COLUMNS =
      "kid, algorithm, public_jwk, encrypted_private_key, created_at, retired_at";

  private TokenRows() {}

  /** The column values of {@code token}, in {@link #REFRESH_COLUMNS} order. */
  public static Object[] values(RefreshToken token) {
    return new Object[] {
      token.hash(), token.sessionId(), millis(token.issuedAt()), millis(token.rotatedAt())
    };
  }

  /** Reads the current row, which selected {@link #REFRESH_COLUMNS}. */
  public static RefreshToken refreshToken(ResultSet rows) throws SQLException {
    return new RefreshToken(rows.getString("hash"), rows.getString("session_id"),
        instant(rows, "issued_at"), instant(rows, "rotated_at"));
  }

  /** The column values of {@code key}, in {@link #KEY_COLUMNS} order. */
  public static Object[] values(SigningKeyRecord key) {
    return new Object[] {
      key.kid(), key.algorithm(), key.publicJwk(), key.encryptedPrivateKey(),
      millis(key.createdAt()), millis(key.retiredAt())
    };
  }

  /** Reads the current row, which selected {@link #KEY_COLUMNS}. */
  public static SigningKeyRecord signingKey(ResultSet rows) throws SQLException {
    return new SigningKeyRecord(rows.getString("kid"), rows.getString("algorithm"),
        rows.getString("public_jwk"), rows.getBytes("encrypted_private_key"),
        instant(rows, "created_at"), instant(rows, "retired_at"));
  }

  /** Epoch milliseconds of {@code at}, or {@code null} for {@code null}. */
  static Long millis(Instant at) {
    return at == null ? null : at.toEpochMilli();
  }

  /** The instant in {@code column}, or {@code null} if it holds SQL {@code NULL}. */
  static Instant instant(ResultSet rows, String column) throws SQLException {
    long millis = rows.getLong(column);
    return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
