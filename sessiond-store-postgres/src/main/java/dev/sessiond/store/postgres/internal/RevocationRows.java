package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.instant;
import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.RevokedSession;
import dev.sessiond.store.Watermark;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps {@link BlacklistEntry}s to rows of {@code blacklist} and {@link Watermark}s to rows of
 * {@code watermarks}, and back; reads {@link RevokedSession}s from {@code sessions}. Instants are
 * {@code timestamptz}. A tenant-wide watermark, whose user is {@code null}, is stored with user
 * {@code ''}.
 */
public final class RevocationRows {
  /** The columns of {@code blacklist}, in the order {@link #values(BlacklistEntry)} uses. */
  public static final String BAN_COLUMNS = "tenant_id, name, created_at, expires_at";

  /** The columns of {@code watermarks}, in the order {@link #values(Watermark)} uses. */
  public static final String WATERMARK_COLUMNS = "tenant_id, user_id, not_before";

  /** The {@code user_id} of a tenant-wide watermark. */
  static final String WHOLE_TENANT = "";

  private RevocationRows() {}

  /** The column values of {@code entry}, in {@link #BAN_COLUMNS} order. */
  public static Object[] values(BlacklistEntry entry) {
    return new Object[] {
      entry.tenantId(), entry.name(), timestamp(entry.createdAt()), timestamp(entry.expiresAt())
    };
  }

  /** Reads the current row, which selected {@link #BAN_COLUMNS}. */
  public static BlacklistEntry ban(ResultSet rows) throws SQLException {
    return new BlacklistEntry(rows.getString("tenant_id"), rows.getString("name"),
        instant(rows, "created_at"), instant(rows, "expires_at"));
  }

  /** The column values of {@code mark}, in {@link #WATERMARK_COLUMNS} order. */
  public static Object[] values(Watermark mark) {
    return new Object[] {
      mark.tenantId(), mark.isTenantWide() ? WHOLE_TENANT : mark.userId(),
      timestamp(mark.notBefore())
    };
  }

  /** Reads the current row, which selected {@link #WATERMARK_COLUMNS}. */
  public static Watermark watermark(ResultSet rows) throws SQLException {
    String user = rows.getString("user_id");
    return new Watermark(rows.getString("tenant_id"), WHOLE_TENANT.equals(user) ? null : user,
        instant(rows, "not_before"));
  }

  /** Reads the current row, which selected {@code id, tenant_id, ended_at} from sessions. */
  public static RevokedSession revokedSession(ResultSet rows) throws SQLException {
    return new RevokedSession(rows.getString("id"), rows.getString("tenant_id"),
        instant(rows, "ended_at"));
  }
}
