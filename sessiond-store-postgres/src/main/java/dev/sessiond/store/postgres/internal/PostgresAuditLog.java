package dev.sessiond.store.postgres.internal;

import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.AuditStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The audit log in PostgreSQL, for the store that owns {@code database}. Positions come from an
 * identity column (a sequence without cache), so every append gets a position greater than every
 * append that returned before it started, on any node, and none is reused, even after a purge.
 * Concurrent appends may commit out of position order. Beyond the interface: a {@code null}
 * argument throws {@link NullPointerException}, a negative limit {@link IllegalArgumentException};
 * instants are kept to the microsecond (the engine gives whole milliseconds).
 */
public final class PostgresAuditLog implements AuditStore {
  private final PostgresDatabase database;

  public PostgresAuditLog(PostgresDatabase database) {
    this.database = database;
  }

  @Override
  public long appendAudit(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    return database.updateReturning(AuditSql.APPEND, rows -> rows.getLong(1),
        AuditRows.values(record)).get(0);
  }

  /**
   * Appends {@code record}, if not {@code null}, on {@code connection}, inside the transaction of
   * the write it records, so that it commits (or rolls back) with it.
   */
  public static void appendIn(Connection connection, AuditRecord record) throws SQLException {
    if (record != null) {
      PostgresDatabase.query(connection, AuditSql.APPEND, rows -> rows.getLong(1),
          AuditRows.values(record));
    }
  }

  @Override
  public List<AuditRecord> audit(AuditQuery query) {
    AuditSql.Select select = AuditSql.select(Objects.requireNonNull(query, "query"));
    return database.query(select.sql(), AuditRows::record, select.params().toArray());
  }

  @Override
  public int purgeAuditBefore(Instant cutoff, int limit) {
    return database.update(AuditSql.PURGE, PgTypes.timestamp(Objects.requireNonNull(cutoff,
        "cutoff")), PostgresDatabase.limit(limit));
  }
}
