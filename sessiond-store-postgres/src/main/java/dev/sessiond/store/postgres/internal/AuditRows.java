package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.instant;
import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.store.AuditRecord;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps {@link AuditRecord}s to rows of {@code audit_log} and back. Instants are {@code
 * timestamptz}.
 */
public final class AuditRows {
  /** The columns an append writes, in the order {@link #values} uses: all but {@code seq}. */
  public static final String APPENDED_COLUMNS =
      "at, tenant_id, action, actor_kind, actor_id, target, ip, outcome, detail";

  /** Every column, as {@link #record} reads them. */
  public static final String COLUMNS = "seq, " + APPENDED_COLUMNS;

  private AuditRows() {}

  /** The column values of {@code record}, in {@link #APPENDED_COLUMNS} order. */
  public static Object[] values(AuditRecord record) {
    return new Object[] {
      timestamp(record.at()), record.tenantId(), record.action(), record.actorKind(),
      record.actorId(), record.target(), record.ip(), record.outcome(), record.detail()
    };
  }

  /** Reads the current row, which selected {@link #COLUMNS}. */
  public static AuditRecord record(ResultSet rows) throws SQLException {
    return new AuditRecord(rows.getLong("seq"), instant(rows, "at"), rows.getString("tenant_id"),
        rows.getString("action"), rows.getString("actor_kind"), rows.getString("actor_id"),
        rows.getString("target"), rows.getString("ip"), rows.getString("outcome"),
        rows.getString("detail"));
  }
}
