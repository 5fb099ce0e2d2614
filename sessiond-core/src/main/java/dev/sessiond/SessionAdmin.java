package dev.sessiond;

import dev.sessiond.store.BlacklistEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The governed session commands: revoke, revoke all, blacklist. Every call checks the caller's
 * method and walls, is durable and enforced on this node before it returns, and leaves an audit
 * record. Obtained from {@link SessionEngine#admin()}.
 */
public interface SessionAdmin {

  /**
   * Revokes one session ({@link Method#SESSIONS_REVOKE}). Revoking an ended session changes
   * nothing and answers it as it is.
   *
   * @param reason {@code null} or empty for {@link SessionEngine#DEFAULT_REASON}
   * @return the session after the call; empty if there is no such session or the caller may not
   *     see it (indistinguishable)
   */
  Optional<Session> revoke(CapabilityContext context, String id, String reason);

  /**
   * Revokes every active session of a user in the context's tenant ({@link
   * Method#SESSIONS_REVOKE_ALL}) and stops every token issued to the user until now.
   *
   * @return the ids revoked; never {@code null}
   */
  List<String> revokeAllForUser(CapabilityContext context, String userId, String reason);

  /**
   * Revokes every active session of the context's tenant ({@link Method#SESSIONS_REVOKE_ALL}).
   *
   * @return how many were revoked
   */
  int revokeAllInTenant(CapabilityContext context, String reason);

  /**
   * Bans {@code name} (a session name or token id) in the context's tenant for {@code ttl} ({@link
   * Method#BLACKLIST_WRITE}).
   */
  BlacklistEntry blacklist(CapabilityContext context, String name, Duration ttl);

  /**
   * The ban on {@code name} in the context's tenant, if one holds now ({@link
   * Method#BLACKLIST_READ}).
   *
   * @return empty if there is none or it lapsed
   */
  Optional<BlacklistEntry> blacklistEntry(CapabilityContext context, String name);

  /**
   * Every ban in force now inside the caller's walls ({@link Method#BLACKLIST_READ}): the
   * context's tenant (or the caller's own), or, for a caller of every tenant that names none,
   * every tenant; by tenant, then name; at most {@link SessionEngine#MAX_BLACKLIST_LISTING}. For
   * verifiers that load the bans at start, which may be older than the event feed keeps.
   *
   * @return never {@code null}
   */
  List<BlacklistEntry> blacklistEntries(CapabilityContext context);
}
