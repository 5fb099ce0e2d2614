package dev.sessiond;

import java.util.List;
import java.util.Optional;

/**
 * The read-only session capability: views for monitoring and governance, never a write. Every call
 * checks the caller's method and walls first. A session outside the caller's walls is answered
 * exactly as one that does not exist. Obtained from {@link SessionEngine#sessions()}.
 */
public interface Sessions {

  /**
   * The session {@code id}, in any status ({@link Method#SESSIONS_GET}).
   *
   * @return empty if there is no such session or the caller may not see it: the two are
   *     indistinguishable
   * @throws SessiondException {@link ErrorCode#INVALID_SESSION_ID}, or {@link
   *     ErrorCode#METHOD_NOT_PERMITTED} if the caller may not read sessions at all
   */
  Optional<Session> get(CapabilityContext context, String id);

  /**
   * One page of a search ({@link Method#SESSIONS_SEARCH}) inside the request's tenant, or, when it
   * names none, the context's tenant, or the caller's own.
   *
   * @throws SessiondException {@link ErrorCode#TENANT_NOT_PERMITTED} if the tenant is outside the
   *     caller's walls; the request's own validation codes
   */
  Page<Session> search(CapabilityContext context, SearchRequest request);

  /**
   * The active sessions among {@code ids} that the caller may see ({@link
   * Method#SESSIONS_BATCH_GET}), in the order asked, without duplicates. Unknown, ended and
   * invisible ids are dropped alike, so the answer never says why one is missing. If the context
   * names a tenant, only sessions of that tenant are returned.
   *
   * @throws SessiondException {@link ErrorCode#TOO_MANY_IDS}, {@link ErrorCode#INVALID_SESSION_ID}
   */
  List<Session> batchGet(CapabilityContext context, List<String> ids);

  /**
   * A user's sessions in the context's tenant (or the caller's own), newest first, at most {@link
   * SessionEngine#MAX_USER_SESSIONS} ({@link Method#SESSIONS_SEARCH}).
   *
   * @param status {@code null} for every status
   * @throws SessiondException {@link ErrorCode#TENANT_NOT_PERMITTED}, {@link
   *     ErrorCode#MISSING_FIELD} if no tenant is known
   */
  List<Session> listForUser(CapabilityContext context, String userId, SessionStatus status);
}
