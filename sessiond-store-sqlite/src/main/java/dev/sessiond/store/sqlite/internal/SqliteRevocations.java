package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.SqliteDatabase.bind;

import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.RevokedSession;
import dev.sessiond.store.Watermark;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Blacklist entries, watermarks and tenant-wide revocation in the SQLite file, for the store that
 * owns {@code database}. Beyond the interface: a {@code null} argument throws {@link
 * NullPointerException}, a negative limit {@link IllegalArgumentException}, and so does a user
 * watermark whose user id is empty (it would read back as the tenant's).
 */
public final class SqliteRevocations implements RevocationStore {
  private final SqliteDatabase database;

  public SqliteRevocations(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public void blacklist(BlacklistEntry entry) {
    Object[] values = RevocationRows.values(Objects.requireNonNull(entry, "entry"));
    database.write(statements -> {
      PreparedStatement upsert = statements.prepare(RevocationSql.BLACKLIST);
      bind(upsert, values);
      return upsert.executeUpdate();
    });
  }

  @Override
  public Optional<BlacklistEntry> findBlacklistEntry(String tenantId, String name, Instant now) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(name, "name");
    List<BlacklistEntry> found = database.query(RevocationSql.FIND_BAN, RevocationRows::ban,
        tenantId, name, now.toEpochMilli());
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<BlacklistEntry> blacklistEntries(Instant now) {
    return database.query(RevocationSql.ACTIVE_BANS, RevocationRows::ban, now.toEpochMilli());
  }

  @Override
  public int purgeBlacklist(Instant now, int limit) {
    long nowMillis = now.toEpochMilli();
    requireLimit(limit);
    return database.write(statements -> {
      PreparedStatement purge = statements.prepare(RevocationSql.PURGE_BANS);
      bind(purge, nowMillis, limit);
      return purge.executeUpdate();
    });
  }

  @Override
  public void raiseWatermark(Watermark watermark) {
    Objects.requireNonNull(watermark, "watermark");
    if (RevocationRows.WHOLE_TENANT.equals(watermark.userId())) {
      throw new IllegalArgumentException("a user's watermark needs a non-empty user id");
    }
    Object[] values = RevocationRows.values(watermark);
    database.write(statements -> {
      PreparedStatement upsert = statements.prepare(RevocationSql.RAISE_WATERMARK);
      bind(upsert, values);
      return upsert.executeUpdate();
    });
  }

  @Override
  public List<Watermark> watermarks() {
    return database.query(RevocationSql.WATERMARKS, RevocationRows::watermark);
  }

  @Override
  public List<String> revokeTenantSessions(String tenantId, Ending ending, int limit) {
    Objects.requireNonNull(tenantId, "tenantId");
    long at = ending.at().toEpochMilli();
    requireLimit(limit);
    return database.write(statements -> {
      PreparedStatement revoke = statements.prepare(RevocationSql.REVOKE_TENANT);
      bind(revoke, at, ending.reason(), ending.actor(), tenantId, at, limit);
      try (ResultSet rows = revoke.executeQuery()) {
        return SqliteDatabase.readAll(rows, row -> row.getString(1));
      }
    });
  }

  @Override
  public List<RevokedSession> sessionsRevokedSince(Instant since) {
    return database.query(RevocationSql.REVOKED_SINCE, RevocationRows::revokedSession,
        since.toEpochMilli());
  }

  private static void requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
  }
}
