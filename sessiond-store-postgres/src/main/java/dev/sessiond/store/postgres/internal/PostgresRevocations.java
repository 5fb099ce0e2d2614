package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.Event;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.RevokedSession;
import dev.sessiond.store.Watermark;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Blacklist entries, watermarks and tenant-wide revocation in PostgreSQL, for the store that owns
 * {@code database}. Each call is one statement; a write also appends the events it reports
 * ({@link PostgresEvents#append}) in the same transaction: a blacklisting always, a watermark only
 * when it raised the stored mark. Beyond the interface: a {@code null} argument throws {@link
 * NullPointerException}, a negative limit {@link IllegalArgumentException}.
 */
public final class PostgresRevocations implements RevocationStore {
  private final PostgresDatabase database;

  public PostgresRevocations(PostgresDatabase database) {
    this.database = database;
  }

  @Override
  public void blacklist(BlacklistEntry entry) {
    Object[] values = RevocationRows.values(Objects.requireNonNull(entry, "entry"));
    database.transaction(connection -> {
      PostgresDatabase.update(connection, RevocationSql.BLACKLIST, values);
      PostgresEvents.append(connection, List.of(Event.blacklisted(entry)));
      return null;
    });
  }

  @Override
  public Optional<BlacklistEntry> findBlacklistEntry(String tenantId, String name, Instant now) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(name, "name");
    return database.queryFirst(RevocationSql.FIND_BAN, RevocationRows::ban, tenantId, name,
        timestamp(Objects.requireNonNull(now, "now")));
  }

  @Override
  public List<BlacklistEntry> blacklistEntries(Instant now) {
    return database.query(RevocationSql.ACTIVE_BANS, RevocationRows::ban,
        timestamp(Objects.requireNonNull(now, "now")));
  }

  @Override
  public int purgeBlacklist(Instant now, int limit) {
    return database.update(RevocationSql.PURGE_BANS,
        timestamp(Objects.requireNonNull(now, "now")), PostgresDatabase.limit(limit));
  }

  @Override
  public void raiseWatermark(Watermark watermark) {
    Object[] values = RevocationRows.values(Objects.requireNonNull(watermark, "watermark"));
    database.transaction(connection -> {
      if (PostgresDatabase.update(connection, RevocationSql.RAISE_WATERMARK, values) == 1) {
        PostgresEvents.append(connection, List.of(Event.watermarkRaised(watermark)));
      }
      return null;
    });
  }

  @Override
  public List<Watermark> watermarks() {
    return database.query(RevocationSql.WATERMARKS, RevocationRows::watermark);
  }

  @Override
  public List<String> revokeTenantSessions(String tenantId, Ending ending, int limit) {
    Objects.requireNonNull(tenantId, "tenantId");
    Object at = timestamp(ending.at());
    return PostgresSessions.revokeReporting(database, SessionSql.REVOKE_TENANT, ending,
        tenantId, at, PostgresDatabase.limit(limit), at, ending.reason(), ending.actor());
  }

  @Override
  public List<RevokedSession> sessionsRevokedSince(Instant since) {
    return database.query(SessionSql.REVOKED_SINCE, RevocationRows::revokedSession,
        timestamp(Objects.requireNonNull(since, "since")));
  }
}
