package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.AuditRows.APPENDED_COLUMNS;
import static dev.sessiond.store.postgres.internal.AuditRows.COLUMNS;
import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.store.AuditQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of the audit log. Queries, whose shape depends on the filters, are built by
 * {@link #select}; they walk newest first ({@code seq DESC}) by an index on {@code (tenant_id,
 * ..., seq)} when they name a tenant and by the primary key otherwise, and stop at the limit.
 */
public final class AuditSql {
  private AuditSql() {}

  /** Params: the {@link AuditRows#APPENDED_COLUMNS}. Returns the seq it was given. */
  public static final String APPEND = "INSERT INTO audit_log (" + APPENDED_COLUMNS
      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq";

  /**
   * Params: cutoff, limit. Deletes up to limit records dated before cutoff, oldest first; rows
   * another node is purging are left to it.
   */
  public static final String PURGE = "WITH old AS MATERIALIZED (SELECT seq FROM audit_log"
      + " WHERE at < ? ORDER BY at, seq LIMIT ? FOR UPDATE SKIP LOCKED)"
      + " DELETE FROM audit_log a USING old WHERE a.seq = old.seq";

  /**
   * A query: its SQL, selecting {@link AuditRows#COLUMNS}, and its parameters.
   *
   * @param sql the statement
   * @param params its parameters, in order
   */
  public record Select(String sql, List<Object> params) {
    public Select {
      params = List.copyOf(params);
    }
  }

  /** The statement that answers {@code query}. */
  public static Select select(AuditQuery query) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (query.tenantId() != null) {
      where.add("tenant_id = ?");
      params.add(query.tenantId());
    }
    if (query.actorId() != null) {
      where.add("actor_id = ?");
      params.add(query.actorId());
    }
    if (query.target() != null) {
      where.add("target = ?");
      params.add(query.target());
    }
    if (query.from() != null) {
      where.add("at >= ?");
      params.add(timestamp(query.from()));
    }
    if (query.to() != null) {
      where.add("at < ?");
      params.add(timestamp(query.to()));
    }
    if (query.beforeSeq() > 0) {
      where.add("seq < ?");
      params.add(query.beforeSeq());
    }
    params.add(query.limit());
    return new Select("SELECT " + COLUMNS + " FROM audit_log"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY seq DESC LIMIT ?", params);
  }
}
