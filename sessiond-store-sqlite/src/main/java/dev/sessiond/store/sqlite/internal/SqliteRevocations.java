package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.SqliteDatabase.bind;

import dev.sessiond.Event;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.RevokedSession;
import dev.sessiond.store.Watermark;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Blacklist entries, watermarks and tenant-wide revocation in the SQLite file, for the store that
 * owns {@code database}. Beyond the interface: a {@code null} argument throws {@link
 * NullPointerException}, a negative limit {@link IllegalArgumentException}, and so does a user
 * watermark whose user id is empty (it would read back as the tenant's). Each write appends its
 * events, as {@link dev.sessiond.store.EventLog} lists them, in the same write task.
 */
public final class SqliteRevocations implements RevocationStore {
  private final SqliteDatabase database;
  private final SqliteEvents events;

  public SqliteRevocations(SqliteDatabase database, SqliteEvents events) {
    this.database = database;
    this.events = events;
  }

  @Override
  public void blacklist(BlacklistEntry entry) {
    Object[] values = RevocationRows.values(Objects.requireNonNull(entry, "entry"));
    Event blacklisted = Event.blacklisted(entry);
    database.write(statements -> {
      PreparedStatement ban = statements.prepare(RevocationSql.BLACKLIST);
      bind(ban, values);
      ban.executeUpdate();
      events.append(statements, blacklisted);
      return null;
    });
  }

  @Override
  public Optional<BlacklistEntry> findBlacklistEntry(String tenantId, String name, Instant now) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(name, "name");
    return database.queryFirst(RevocationSql.FIND_BAN, RevocationRows::ban, tenantId, name,
        now.toEpochMilli());
  }

  @Override
  public List<BlacklistEntry> blacklistEntries(Instant now) {
    return database.query(RevocationSql.ACTIVE_BANS, RevocationRows::ban, now.toEpochMilli());
  }

  @Override
  public int purgeBlacklist(Instant now, int limit) {
    return database.update(RevocationSql.PURGE_BANS, now.toEpochMilli(),
        SqliteDatabase.limit(limit));
  }

  @Override
  public void raiseWatermark(Watermark watermark) {
    Objects.requireNonNull(watermark, "watermark");
    if (RevocationRows.WHOLE_TENANT.equals(watermark.userId())) {
      throw new IllegalArgumentException("a user's watermark needs a non-empty user id");
    }
    Object[] values = RevocationRows.values(watermark);
    Event raised = Event.watermarkRaised(watermark);
    database.write(statements -> {
      PreparedStatement raise = statements.prepare(RevocationSql.RAISE_WATERMARK);
      bind(raise, values);
      if (raise.executeUpdate() == 1) {
        events.append(statements, raised);
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
    long at = ending.at().toEpochMilli();
    SqliteDatabase.limit(limit);
    return database.write(statements -> {
      PreparedStatement revoke = statements.prepare(RevocationSql.REVOKE_TENANT);
      bind(revoke, at, ending.reason(), ending.actor(), tenantId, at, limit);
      return events.appendEach(statements, revoke, row -> Event.sessionRevoked(tenantId,
              row.getString("id"), row.getString("user_id"), ending))
          .stream().map(Event::sessionId).toList();
    });
  }

  @Override
  public List<RevokedSession> sessionsRevokedSince(Instant since) {
    return database.query(RevocationSql.REVOKED_SINCE, RevocationRows::revokedSession,
        since.toEpochMilli());
  }
}
