package dev.sessiond.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ability to keep what makes tokens stop verifying beyond one session's status: blacklist
 * entries, not-before watermarks, tenant-wide revocation, and the recent revocations a node
 * rebuilds its in-memory index from at start-up. Every write is durable before it returns.
 */
public interface RevocationStore {

  /**
   * Blacklists a name. If the tenant already bans the name, the later of the two expiries is kept.
   */
  void blacklist(BlacklistEntry entry);

  /**
   * Finds the ban on {@code name} in {@code tenantId} that holds at {@code now}.
   *
   * @return the entry, or empty if there is none or it has lapsed
   */
  Optional<BlacklistEntry> findBlacklistEntry(String tenantId, String name, Instant now);

  /**
   * Every ban, in every tenant, that holds at {@code now}.
   *
   * @return never {@code null}
   */
  List<BlacklistEntry> blacklistEntries(Instant now);

  /**
   * Deletes up to {@code limit} bans that lapsed before {@code now}.
   *
   * @return how many were deleted
   */
  int purgeBlacklist(Instant now, int limit);

  /**
   * Raises a watermark: stores it unless a watermark for the same tenant and user (or the same
   * whole tenant) with a later or equal {@code notBefore} exists.
   */
  void raiseWatermark(Watermark watermark);

  /**
   * Every watermark, user and tenant-wide.
   *
   * @return never {@code null}
   */
  List<Watermark> watermarks();

  /**
   * Revokes up to {@code limit} active sessions of a tenant, as {@link SessionStore#revoke} would.
   *
   * @return the ids revoked; fewer than {@code limit} means none are left
   */
  List<String> revokeTenantSessions(String tenantId, Ending ending, int limit);

  /**
   * The sessions revoked at or after {@code since}, in any tenant.
   *
   * @return never {@code null}
   */
  List<RevokedSession> sessionsRevokedSince(Instant since);
}
