package dev.sessiond.store;

import dev.sessiond.GrantStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ability to keep support grants and to find the sessions opened under one (those whose
 * {@link SessionRecord#supportGrantId()} names it). Every write is durable before it returns.
 */
public interface SupportGrantStore {

  /**
   * Stores a new grant.
   *
   * @throws IllegalStateException if a grant with the same id exists; nothing is stored then
   */
  void insertGrant(SupportGrantRecord grant);

  /**
   * The grant {@code id} of {@code tenantId}, in any status.
   *
   * @return empty if there is none in that tenant (a grant of another tenant is never returned)
   */
  Optional<SupportGrantRecord> findGrant(String tenantId, String id);

  /**
   * Up to {@code limit} grants of {@code tenantId}, in any status, newest first ({@code
   * createdAt} descending, then {@code id} descending).
   *
   * @return never {@code null}
   */
  List<SupportGrantRecord> grants(String tenantId, int limit);

  /**
   * The grants of {@code tenantId} stored as active whose {@code expiresAt} is after {@code now},
   * latest expiry first.
   *
   * @return never {@code null}; empty if global admins may not act on the tenant
   */
  List<SupportGrantRecord> activeGrants(String tenantId, Instant now);

  /**
   * Ends a grant stored as active: marks it {@code status} ({@link GrantStatus#REVOKED} or {@link
   * GrantStatus#EXPIRED}) at {@code at} by {@code actor}.
   *
   * @return whether it was stored as active and is now ended; {@code false} if there is no such
   *     grant or it had already ended (it is then unchanged)
   */
  boolean endGrant(String id, GrantStatus status, Instant at, String actor);

  /**
   * Up to {@code limit} grants, of any tenant, stored as active whose {@code expiresAt} is not
   * after {@code now}: the ones a sweep must mark expired.
   *
   * @return never {@code null}
   */
  List<SupportGrantRecord> grantsDueToExpire(Instant now, int limit);

  /**
   * Up to {@code limit} ids of sessions stored as active that were opened under grant {@code
   * grantId}.
   *
   * @return never {@code null}; fewer than {@code limit} means none are left
   */
  List<String> activeSessionsUnderGrant(String grantId, int limit);
}
