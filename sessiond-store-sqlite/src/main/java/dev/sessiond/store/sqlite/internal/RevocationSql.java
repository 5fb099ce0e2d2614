package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.RevocationRows.BAN_COLUMNS;
import static dev.sessiond.store.sqlite.internal.RevocationRows.WATERMARK_COLUMNS;

/**
 * The statements of blacklist entries, watermarks and tenant-wide revocation. Every conditional
 * write states its condition in SQL, so it is atomic on its own.
 */
public final class RevocationSql {
  private RevocationSql() {}

  /**
   * Params: tenant_id, name, created_at, expires_at. An existing ban is replaced only by one that
   * expires later.
   */
  public static final String BLACKLIST = "INSERT INTO blacklist (" + BAN_COLUMNS
      + ") VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, name) DO UPDATE"
      + " SET created_at = excluded.created_at, expires_at = excluded.expires_at"
      + " WHERE excluded.expires_at > blacklist.expires_at";

  /** Params: tenant_id, name, now. The ban, if it holds at now. */
  public static final String FIND_BAN = "SELECT " + BAN_COLUMNS
      + " FROM blacklist WHERE tenant_id = ? AND name = ? AND expires_at > ?";

  /** Params: now. Every ban that holds at now. */
  public static final String ACTIVE_BANS =
      "SELECT " + BAN_COLUMNS + " FROM blacklist WHERE expires_at > ?";

  /** Params: now, limit. Deletes up to limit bans that lapsed at or before now. */
  public static final String PURGE_BANS = "DELETE FROM blacklist WHERE (tenant_id, name) IN"
      + " (SELECT tenant_id, name FROM blacklist"
      + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)";

  /** Params: tenant_id, user_id ('' for the tenant), not_before. Keeps the later not_before. */
  public static final String RAISE_WATERMARK = "INSERT INTO watermarks (" + WATERMARK_COLUMNS
      + ") VALUES (?, ?, ?) ON CONFLICT (tenant_id, user_id) DO UPDATE"
      + " SET not_before = excluded.not_before WHERE excluded.not_before > watermarks.not_before";

  /** Every watermark. */
  public static final String WATERMARKS = "SELECT " + WATERMARK_COLUMNS + " FROM watermarks";

  /**
   * Params: ended_at, end_reason, ended_by, tenant, ended_at, limit. Revokes up to limit sessions
   * that {@link SessionSql#REVOKE} would revoke; returns their ids and users.
   */
  public static final String REVOKE_TENANT = "UPDATE sessions"
      + " SET status = 'revoked', ended_at = ?, end_reason = ?, ended_by = ?"
      + " WHERE id IN (SELECT id FROM sessions"
      + " WHERE tenant_id = ? AND status = 'active' AND expires_at > ? LIMIT ?)"
      + " RETURNING id, user_id";

  /**
   * Params: since. Sessions revoked at or after since. The {@code status <> 'active'} term is
   * implied by the other, but spelled out so the planner can use the partial index {@code
   * sessions_ended}.
   */
  public static final String REVOKED_SINCE = "SELECT id, tenant_id, ended_at FROM sessions"
      + " WHERE status <> 'active' AND status = 'revoked' AND ended_at >= ?";
}
