package dev.sessiond.store.postgres.internal;

import dev.sessiond.Event;
import dev.sessiond.store.SigningKeyRecord;
import dev.sessiond.store.SigningKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Signing keys in PostgreSQL, shared by every node on the database, for the store that owns {@code
 * database}. A rotation locks the table against other rotations (reads go on), so two nodes that
 * rotate at once do so one after the other and never leave two active keys of one algorithm.
 * The rotation appends its {@code signing_key.rotated} event in its transaction. Beyond the
 * interface: a {@code null} argument throws {@link NullPointerException}; {@link
 * #rotateSigningKey} throws {@link IllegalArgumentException} if {@code next} is retired.
 */
public final class PostgresSigningKeys implements SigningKeyStore {
  private final PostgresDatabase database;

  public PostgresSigningKeys(PostgresDatabase database) {
    this.database = database;
  }

  @Override
  public void rotateSigningKey(SigningKeyRecord next, Instant now) {
    Object[] values = TokenRows.values(Objects.requireNonNull(next, "next"));
    Objects.requireNonNull(now, "now");
    if (next.retiredAt() != null) {
      throw new IllegalArgumentException("the next signing key must not be retired");
    }
    database.transaction(connection -> {
      PostgresDatabase.update(connection, TokenSql.LOCK_KEYS);
      PostgresDatabase.update(connection, TokenSql.RETIRE_KEYS, PgTypes.timestamp(now),
          next.algorithm());
      if (PostgresDatabase.update(connection, TokenSql.INSERT_KEY, values) != 1) {
        // Thrown inside the transaction, so the retirement is rolled back too.
        throw new IllegalStateException("a signing key with this kid exists");
      }
      PostgresEvents.append(connection, List.of(Event.signingKeyRotated(next.kid(), now)));
      return null;
    });
  }

  @Override
  public List<SigningKeyRecord> signingKeys() {
    return database.query(TokenSql.ALL_KEYS, TokenRows::signingKey);
  }

  @Override
  public int deleteSigningKeysRetiredBefore(Instant cutoff) {
    return database.update(TokenSql.DELETE_RETIRED_KEYS,
        PgTypes.timestamp(Objects.requireNonNull(cutoff, "cutoff")));
  }
}
