package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.instant;
import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SigningKeyRecord;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps {@link RefreshToken}s to rows of {@code refresh_tokens} and {@link SigningKeyRecord}s to
 * rows of {@code signing_keys}, and back. Instants are {@code timestamptz}; a {@code null} instant
 * is SQL {@code NULL}. The encrypted private key is {@code bytea}.
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
      token.hash(), token.sessionId(), timestamp(token.issuedAt()), timestamp(token.rotatedAt())
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
      timestamp(key.createdAt()), timestamp(key.retiredAt())
    };
  }

  /** Reads the current row, which selected {@link #KEY_COLUMNS}. */
  public static SigningKeyRecord signingKey(ResultSet rows) throws SQLException {
    return new SigningKeyRecord(rows.getString("kid"), rows.getString("algorithm"),
        rows.getString("public_jwk"), rows.getBytes("encrypted_private_key"),
        instant(rows, "created_at"), instant(rows, "retired_at"));
  }
}
