package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.SupportGrantRows.COLUMNS;

/**
 * The statements of support grants. Every conditional write states its condition in SQL, so it is
 * atomic on its own. The one that finds the sessions opened under a grant is {@link
 * SessionSql#ACTIVE_UNDER_GRANT}.
 */
public final class SupportGrantSql {
  private SupportGrantSql() {}

  /** Params: the {@link SupportGrantRows#COLUMNS}. Count 0 if the id exists, in any tenant. */
  public static final String INSERT = "INSERT INTO support_grants (" + COLUMNS
      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

  /** Params: tenant_id, id. The grant, only in that tenant. */
  public static final String FIND =
      "SELECT " + COLUMNS + " FROM support_grants WHERE tenant_id = ? AND id = ?";

  /** Params: tenant_id, limit. The tenant's grants, newest first. */
  public static final String OF_TENANT = "SELECT " + COLUMNS + " FROM support_grants"
      + " WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT ?";

  /** Params: tenant_id, now. Grants stored as active that expire after now, latest first. */
  public static final String ACTIVE = "SELECT " + COLUMNS + " FROM support_grants"
      + " WHERE tenant_id = ? AND status = 'active' AND expires_at > ?"
      + " ORDER BY expires_at DESC, id DESC";

  /**
   * Params: status, ended_at, ended_by, id. Returns the grant's tenant_id only if it was stored as
   * active.
   */
  public static final String END = "UPDATE support_grants"
      + " SET status = ?, ended_at = ?, ended_by = ? WHERE id = ? AND status = 'active'"
      + " RETURNING tenant_id";

  /** Params: now, limit. Grants stored as active that expired at or before now, of any tenant. */
  public static final String DUE = "SELECT " + COLUMNS + " FROM support_grants"
      + " WHERE status = 'active' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?";
}
