package dev.sessiond.store;

/**
 * A filter over the audit log. Every filter that is {@code null} matches everything. Results come
 * newest first ({@code seq} descending).
 *
 * @param tenantId records of this tenant only; {@code null} for every tenant
 * @param from records at or after it; {@code null} for no lower bound
 * @param to records before it; {@code null} for no upper bound
 * @param actorId records by this actor id only
 * @param target records about this target only
 * @param beforeSeq records with a {@code seq} below it; 0 to start from the newest
 * @param limit the most records returned, at least 1
 */
public record AuditQuery(String tenantId, java.time.Instant from, java.time.Instant to,
    String actorId, String target, long beforeSeq, int limit) {
  public AuditQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    if (beforeSeq < 0) {
      throw new IllegalArgumentException("beforeSeq must not be negative");
    }
  }
}
