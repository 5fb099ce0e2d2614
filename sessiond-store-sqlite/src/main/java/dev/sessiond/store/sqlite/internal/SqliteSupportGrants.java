package dev.sessiond.store.sqlite.internal;

import dev.sessiond.Event;
import dev.sessiond.GrantStatus;
import dev.sessiond.store.SupportGrantRecord;
import dev.sessiond.store.SupportGrantStore;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Support grants in the SQLite file, for the store that owns {@code database}. Beyond the
 * interface: a {@code null} argument throws {@link NullPointerException}, a negative limit {@link
 * IllegalArgumentException}, and so does ending a grant as {@link GrantStatus#ACTIVE}; an empty
 * grant id names no sessions; instants are kept to the millisecond. Ending a grant appends its
 * event, with the grant's tenant, in the same write task.
 */
public final class SqliteSupportGrants implements SupportGrantStore {
  private final SqliteDatabase database;
  private final SqliteEvents events;

  public SqliteSupportGrants(SqliteDatabase database, SqliteEvents events) {
    this.database = database;
    this.events = events;
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
        SqliteDatabase.limit(limit));
  }

  @Override
  public List<SupportGrantRecord> activeGrants(String tenantId, Instant now) {
    Objects.requireNonNull(tenantId, "tenantId");
    return database.query(SupportGrantSql.ACTIVE, SupportGrantRows::grant, tenantId,
        now.toEpochMilli());
  }

  @Override
  public boolean endGrant(String id, GrantStatus status, Instant at, String actor) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(actor, "actor");
    if (Objects.requireNonNull(status, "status") == GrantStatus.ACTIVE) {
      throw new IllegalArgumentException("an ended grant is revoked or expired");
    }
    Object[] values = {SupportGrantRows.status(status), at.toEpochMilli(), actor, id};
    return database.write(statements -> {
      PreparedStatement end = statements.prepare(SupportGrantSql.END);
      SqliteDatabase.bind(end, values);
      return !events.appendEach(statements, end,
          row -> Event.grantEnded(row.getString("tenant_id"), id, status, at)).isEmpty();
    });
  }

  @Override
  public List<SupportGrantRecord> grantsDueToExpire(Instant now, int limit) {
    return database.query(SupportGrantSql.DUE, SupportGrantRows::grant, now.toEpochMilli(),
        SqliteDatabase.limit(limit));
  }

  @Override
  public List<String> activeSessionsUnderGrant(String grantId, int limit) {
    Objects.requireNonNull(grantId, "grantId");
    return database.query(SupportGrantSql.ACTIVE_SESSIONS, rows -> rows.getString("id"), grantId,
        SqliteDatabase.limit(limit));
  }
}
