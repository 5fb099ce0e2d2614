package dev.sessiond.client.model;

import java.time.Instant;

/**
 * A search of the audit log, newest first. Every member may be {@code null} for "no filter" (or
 * the server's default); start from {@link #all()} and narrow with the setters that return a copy.
 *
 * @param tenantId a tenant, or {@code *} for deployment-wide records; {@code null}: the client's
 *     configured tenant, else the caller's own (every record for a key of every tenant)
 * @param from records at or after this instant
 * @param to records before this instant
 * @param actorId records by this actor (a key id, user id, service name or {@code system})
 * @param target records about this target (a session id, user id, grant id, ...)
 * @param pageSize 1 to 100; {@code null}: 20
 * @param pageToken {@link Page#nextPageToken()} of the previous page; {@code null}: the first
 */
public record AuditQuery(String tenantId, Instant from, Instant to, String actorId, String target,
    Integer pageSize, String pageToken) {
  /** Every record inside the caller's walls, first page. */
  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null, null, null, null);
  }

  public AuditQuery tenantId(String value) {
    return new AuditQuery(value, from, to, actorId, target, pageSize, pageToken);
  }

  public AuditQuery from(Instant value) {
    return new AuditQuery(tenantId, value, to, actorId, target, pageSize, pageToken);
  }

  public AuditQuery to(Instant value) {
    return new AuditQuery(tenantId, from, value, actorId, target, pageSize, pageToken);
  }

  public AuditQuery actorId(String value) {
    return new AuditQuery(tenantId, from, to, value, target, pageSize, pageToken);
  }

  public AuditQuery target(String value) {
    return new AuditQuery(tenantId, from, to, actorId, value, pageSize, pageToken);
  }

  public AuditQuery pageSize(Integer value) {
    return new AuditQuery(tenantId, from, to, actorId, target, value, pageToken);
  }

  public AuditQuery pageToken(String value) {
    return new AuditQuery(tenantId, from, to, actorId, target, pageSize, value);
  }
}
