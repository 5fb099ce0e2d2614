package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.SqliteDatabase.bind;

import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.AuditStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The audit log in the SQLite file, for the store that owns {@code database}. Positions come from
 * SQLite ({@code AUTOINCREMENT}), so they grow in commit order and are never reused, even after a
 * purge. Beyond the interface: a {@code null} argument throws {@link NullPointerException}, a
 * negative limit {@link IllegalArgumentException}; instants are kept to the millisecond.
 */
public final class SqliteAuditLog implements AuditStore {
  private final SqliteDatabase database;

  public SqliteAuditLog(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public long appendAudit(AuditRecord record) {
    Object[] values = AuditRows.values(Objects.requireNonNull(record, "record"));
    return database.write(statements -> append(statements, values));
  }

  /**
   * Appends a record inside the current write task, so that it commits (or rolls back) with the
   * write it records.
   *
   * @param values {@link AuditRows#values} of the record
   * @return the position given to it
   */
  public static long append(StatementCache statements, Object[] values) throws SQLException {
    PreparedStatement append = statements.prepare(AuditSql.APPEND);
    bind(append, values);
    try (ResultSet rows = append.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** {@link AuditRows#values} of {@code record}, or {@code null} for none. */
  public static Object[] valuesOrNull(AuditRecord record) {
    return record == null ? null : AuditRows.values(record);
  }

  @Override
  public List<AuditRecord> audit(AuditQuery query) {
    AuditSql.Select select = AuditSql.select(Objects.requireNonNull(query, "query"));
    return database.query(select.sql(), AuditRows::record, select.params().toArray());
  }

  @Override
  public int purgeAuditBefore(Instant cutoff, int limit) {
    return database.update(AuditSql.PURGE, cutoff.toEpochMilli(), SqliteDatabase.limit(limit));
  }
}
