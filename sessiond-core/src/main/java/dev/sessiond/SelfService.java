package dev.sessiond;

import java.util.List;

/**
 * What end users do with their own sessions ("my devices"). The caller must be a {@linkplain
 * Caller#sessionUser session user}; every call acts on that user's sessions in that session's
 * tenant only. Obtained from {@link SessionEngine#self()}.
 */
public interface SelfService {

  /**
   * The user's active sessions, newest first. The caller's own is the one whose id is {@link
   * Caller#sessionId()}.
   *
   * @throws SessiondException {@link ErrorCode#METHOD_NOT_PERMITTED} if the caller is not a
   *     session user
   */
  List<Session> list(CapabilityContext context);

  /**
   * Revokes one of the user's own sessions (reason {@code user_revoked}).
   *
   * @return whether it was the user's and active, and is now revoked; {@code false} for an
   *     unknown, ended or foreign id alike
   */
  boolean revoke(CapabilityContext context, String id);

  /**
   * Revokes every active session of the user except the caller's own (reason {@code
   * user_revoked_others}).
   *
   * @return the ids revoked; never {@code null}
   */
  List<String> revokeOthers(CapabilityContext context);

  /** Revokes the caller's own session (reason {@code logout}). */
  void logout(CapabilityContext context);
}
