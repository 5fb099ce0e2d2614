package dev.sessiond;

import java.time.Instant;

/**
 * A query over the audit log. Every filter that is {@code null} matches everything. Results come
 * newest first.
 *
 * @param tenantId records of this tenant; {@code null} for the context's tenant, or for every
 *     tenant when the caller may act in every tenant and the context names none
 * @param from records at or after it
 * @param to records before it
 * @param actorId records by this actor id (a key id or user id)
 * @param target records about this target (a session id, user id, grant id, key id or name)
 * @param pageSize 1 to {@link SearchRequest#MAX_PAGE_SIZE}; 0 for {@link
 *     SearchRequest#DEFAULT_PAGE_SIZE}
 * @param pageToken from a previous page; {@code null} for the first
 */
public record AuditSearch(String tenantId, Instant from, Instant to, String actorId,
    String target, int pageSize, String pageToken) {

  /** The first page of everything the caller may read. */
  public static AuditSearch all() {
    return new AuditSearch(null, null, null, null, null, 0, null);
  }

  /** This search with another page token. */
  public AuditSearch withPageToken(String token) {
    return new AuditSearch(tenantId, from, to, actorId, target, pageSize, token);
  }
}
