package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.RevocationRows.BAN_COLUMNS;
import static dev.sessiond.store.postgres.internal.RevocationRows.WATERMARK_COLUMNS;

/**
 * The statements of blacklist entries and watermarks. Each write is one upsert that keeps the
 * later value, so it is atomic on its own, also against writes of other nodes. The statements on
 * sessions that revocation needs are in {@link SessionSql}.
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

  /** Params: now, limit. Deletes up to limit bans that lapsed at or before now, oldest first. */
  public static final String PURGE_BANS = "WITH lapsed AS MATERIALIZED"
      + " (SELECT tenant_id, name FROM blacklist"
      + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)"
      + " DELETE FROM blacklist b USING lapsed"
      + " WHERE b.tenant_id = lapsed.tenant_id AND b.name = lapsed.name";

  /**
   * Params: tenant_id, user_id ('' for the tenant), not_before. Keeps the later not_before: count
   * 1 if it stored this one, 0 if the stored mark is as late or later.
   */
  public static final String RAISE_WATERMARK = "INSERT INTO watermarks (" + WATERMARK_COLUMNS
      + ") VALUES (?, ?, ?) ON CONFLICT (tenant_id, user_id) DO UPDATE"
      + " SET not_before = excluded.not_before WHERE excluded.not_before > watermarks.not_before";

  /** Every watermark. */
  public static final String WATERMARKS = "SELECT " + WATERMARK_COLUMNS + " FROM watermarks";
}
