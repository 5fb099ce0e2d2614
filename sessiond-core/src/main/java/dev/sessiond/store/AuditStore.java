package dev.sessiond.store;

import java.time.Instant;
import java.util.List;

/** The ability to keep the audit log. Every append is durable before it returns. */
public interface AuditStore {

  /**
   * Appends {@code record} (its {@code seq} is ignored) at the next position.
   *
   * @return the position given to it: greater than that of every earlier append
   */
  long appendAudit(AuditRecord record);

  /**
   * The records that match {@code query}, newest first, at most {@code query.limit()}.
   *
   * @return never {@code null}
   */
  List<AuditRecord> audit(AuditQuery query);

  /**
   * Deletes up to {@code limit} records dated before {@code cutoff}, oldest first.
   *
   * @return how many were deleted; fewer than {@code limit} means none are left
   */
  int purgeAuditBefore(Instant cutoff, int limit);
}
