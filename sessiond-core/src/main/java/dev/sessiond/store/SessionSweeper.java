package dev.sessiond.store;

import java.time.Instant;

/**
 * The ability to end and forget sessions in batches. Stores implement it alongside {@link
 * SessionStore}; the engine calls it from its periodic sweep.
 */
public interface SessionSweeper {

  /**
   * Marks up to {@code limit} sessions that are stored as active but whose {@code expiresAt} is not
   * after {@code now} as expired, each with {@link Ending#expiryOf}.
   *
   * @return how many were marked; less than {@code limit} means none are left
   */
  int expireDue(Instant now, int limit);

  /**
   * Deletes up to {@code limit} ended sessions (revoked or expired) that ended before {@code cutoff}.
   * Active sessions are never deleted.
   *
   * @return how many were deleted; less than {@code limit} means none are left
   */
  int purgeEndedBefore(Instant cutoff, int limit);
}
