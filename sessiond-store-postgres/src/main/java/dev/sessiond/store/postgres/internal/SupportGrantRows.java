package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.instant;
import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.GrantStatus;
import dev.sessiond.store.SupportGrantRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Maps {@link SupportGrantRecord}s to rows of {@code support_grants} and back. Instants are {@code
 * timestamptz}, the status its lowercase name; the ending columns are SQL {@code NULL} while the
 * grant is stored as active.
 */
public final class SupportGrantRows {
  /** The columns of {@code support_grants}, in the order {@link #values} uses. */
  public static final String COLUMNS = "id, tenant_id, note, created_at, created_by, expires_at,"
      + " status, ended_at, ended_by";

  private SupportGrantRows() {}

  /** The column values of {@code grant}, in {@link #COLUMNS} order. */
  public static Object[] values(SupportGrantRecord grant) {
    return new Object[] {
      grant.id(), grant.tenantId(), grant.note(), timestamp(grant.createdAt()), grant.createdBy(),
      timestamp(grant.expiresAt()), status(grant.status()), timestamp(grant.endedAt()),
      grant.endedBy()
    };
  }

  /** Reads the current row, which selected {@link #COLUMNS}. */
  public static SupportGrantRecord grant(ResultSet rows) throws SQLException {
    return new SupportGrantRecord(rows.getString("id"), rows.getString("tenant_id"),
        rows.getString("note"), instant(rows, "created_at"), rows.getString("created_by"),
        instant(rows, "expires_at"), status(rows.getString("status")), instant(rows, "ended_at"),
        rows.getString("ended_by"));
  }

  /** How the {@code status} column holds {@code status}. */
  public static String status(GrantStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static GrantStatus status(String column) throws SQLException {
    for (GrantStatus status : GrantStatus.values()) {
      if (status(status).equals(column)) {
        return status;
      }
    }
    throw new SQLException("column status holds an unknown name");
  }
}
