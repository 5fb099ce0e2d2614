package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.Event;
import dev.sessiond.GrantStatus;
import dev.sessiond.store.SupportGrantRecord;
import dev.sessiond.store.SupportGrantStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Support grants in PostgreSQL, for the store that owns {@code database}. Each call is one
 * statement; ending a grant also appends its {@code grant.ended} event in the same transaction.
 * Beyond the interface: a {@code null} argument throws {@link
 * NullPointerException}, a negative limit {@link IllegalArgumentException}, and so does ending a
 * grant as {@link GrantStatus#ACTIVE}; an empty grant id names no sessions.
 */
public final class PostgresSupportGrants implements SupportGrantStore {
  private final PostgresDatabase database;

  public PostgresSupportGrants(PostgresDatabase database) {
    this.database = database;
  }

  @Override
  public void insertGrant(SupportGrantRecord grant) {
    Object[] values = SupportGrantRows.values(Objects.requireNonNull(grant, "grant"));
    if (database.update(SupportGrantSql.INSERT, values) != 1) {
      throw new IllegalStateException("a support grant with this id exists");
    }
  }

  @Override
  public Optional<SupportGrantRecord> findGrant(String tenantId, String id) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    return database.queryFirst(SupportGrantSql.FIND, SupportGrantRows::grant, tenantId, id);
  }

  @Override
  public List<SupportGrantRecord> grants(String tenantId, int limit) {
    Objects.requireNonNull(tenantId, "tenantId");
    return database.query(SupportGrantSql.OF_TENANT, SupportGrantRows::grant, tenantId,
        PostgresDatabase.limit(limit));
  }

  @Override
  public List<SupportGrantRecord> activeGrants(String tenantId, Instant now) {
    Objects.requireNonNull(tenantId, "tenantId");
    return database.query(SupportGrantSql.ACTIVE, SupportGrantRows::grant, tenantId,
        timestamp(Objects.requireNonNull(now, "now")));
  }

  @Override
  public boolean endGrant(String id, GrantStatus status, Instant at, String actor) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(actor, "actor");
    if (Objects.requireNonNull(status, "status") == GrantStatus.ACTIVE) {
      throw new IllegalArgumentException("an ended grant is revoked or expired");
    }
    Object endedAt = timestamp(Objects.requireNonNull(at, "at"));
    return database.transaction(connection -> {
      List<Event> ended = PostgresDatabase.query(connection, SupportGrantSql.END,
          rows -> Event.grantEnded(rows.getString("tenant_id"), id, status, at),
          SupportGrantRows.status(status), endedAt, actor, id);
      PostgresEvents.append(connection, ended);
      return !ended.isEmpty();
    });
  }

  @Override
  public List<SupportGrantRecord> grantsDueToExpire(Instant now, int limit) {
    return database.query(SupportGrantSql.DUE, SupportGrantRows::grant,
        timestamp(Objects.requireNonNull(now, "now")), PostgresDatabase.limit(limit));
  }

  @Override
  public List<String> activeSessionsUnderGrant(String grantId, int limit) {
    Objects.requireNonNull(grantId, "grantId");
    return database.query(SessionSql.ACTIVE_UNDER_GRANT, rows -> rows.getString("id"), grantId,
        PostgresDatabase.limit(limit));
  }
}
