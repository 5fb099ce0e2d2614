package dev.sessiond.store;

import dev.sessiond.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The ability to keep the event feed: every state change of the store as an {@link Event} with a
 * position ({@code seq}) that only grows. Nodes follow it to enforce revocations made on other
 * nodes; {@code GET /v1/events} serves it.
 *
 * <p>The store appends the events itself, in the same atomic write as the change (Redis Cluster:
 * see that store's documentation), so a change is never readable without its event nor an event
 * without its change. The writes that append, and what they append:
 *
 * <ul>
 *   <li>{@link SessionStore#insert}, {@link RefreshTokenStore#insertWithRefreshToken}: {@link
 *       Event#sessionCreated}.
 *   <li>{@link SessionLimitStore#insertWithinLimit}: {@link Event#sessionRevoked} for each evicted
 *       session, then {@code session.created}; nothing when refused.
 *   <li>{@link RefreshTokenStore#rotateRefreshToken} that returns {@code true}: {@link
 *       Event#sessionRefreshed} at {@code now}.
 *   <li>{@link SessionStore#revoke} that returns {@code true}, {@link SessionStore#revokeAllForUser}
 *       and {@link RevocationStore#revokeTenantSessions}: {@code session.revoked} for each session
 *       it revoked.
 *   <li>{@link SessionSweeper#expireDue}: {@link Event#sessionExpired} for each session, with
 *       {@link Ending#expiryOf}.
 *   <li>{@link RevocationStore#blacklist}: {@link Event#blacklisted} with the entry as given.
 *   <li>{@link RevocationStore#raiseWatermark}: {@link Event#watermarkRaised}, only when it raised
 *       the stored mark.
 *   <li>{@link SigningKeyStore#rotateSigningKey}: {@link Event#signingKeyRotated} at {@code now}.
 *   <li>{@link ApiKeyStore#revokeApiKey} that returns {@code true}: {@link Event#apiKeyRevoked}.
 *   <li>{@link SupportGrantStore#endGrant} that returns {@code true}: {@link Event#grantEnded}.
 * </ul>
 *
 * <p>Nothing else appends: touches, purges, audit records, new grants and new API keys do not.
 *
 * <p>Events become readable in {@code seq} order: once {@link #eventsAfter} returns an event,
 * every event with a lower {@code seq} that will ever be readable already is. Positions may skip
 * numbers.
 */
public interface EventLog {

  /**
   * Up to {@code limit} events with {@code seq > after}, in {@code seq} order; those purged are
   * gone.
   *
   * @param after a position; 0 for the start
   * @param limit at least 1
   * @return never {@code null}; empty if none is readable yet
   */
  List<Event> eventsAfter(long after, int limit);

  /**
   * Waits until an event after {@code after} may be readable, at most {@code maxWait}. Returns at
   * once if one already is; may also return early without one (callers read and wait again). It
   * wakes for events appended by other processes sharing the backend, not only by this one.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void awaitEventsAfter(long after, Duration maxWait) throws InterruptedException;

  /**
   * The last position: every event up to it is readable or purged, and none after it is readable.
   *
   * @return 0 if no event was ever appended
   */
  long lastEventSeq();

  /**
   * The highest position a purge deleted: a reader that resumes from below it may have missed
   * events.
   *
   * @return 0 if nothing was ever purged
   */
  long purgedThrough();

  /**
   * Deletes up to {@code limit} of the oldest events whose {@code at} is before {@code cutoff},
   * in {@code seq} order, and raises {@link #purgedThrough} to the last one deleted.
   *
   * @return how many were deleted
   */
  int purgeEventsBefore(Instant cutoff, int limit);
}
