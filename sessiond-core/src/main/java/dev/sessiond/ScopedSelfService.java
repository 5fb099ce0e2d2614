package dev.sessiond;

import dev.sessiond.internal.AuditTrail;
import dev.sessiond.internal.FieldRules;
import dev.sessiond.internal.SessionIds;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SelfService} on an engine: every call acts on the calling session's user, in that
 * session's tenant, and nowhere else.
 */
final class ScopedSelfService implements SelfService {
  /** The reason recorded when a user revokes one of their sessions. */
  static final String USER_REVOKED = "user_revoked";
  /** The reason recorded when a user revokes all their other sessions. */
  static final String USER_REVOKED_OTHERS = "user_revoked_others";
  /** The reason recorded when a user logs out. */
  static final String LOGOUT = "logout";

  private final SessionCore engine;
  private final AuditTrail audit;
  private final Clock clock;

  ScopedSelfService(SessionCore engine, AuditTrail audit, Clock clock) {
    this.engine = engine;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public List<Session> list(CapabilityContext context) {
    Caller user = user(context);
    return engine.listForUser(user.tenantId(), user.id(), SessionStatus.ACTIVE);
  }

  @Override
  public boolean revoke(CapabilityContext context, String id) {
    Caller user = user(context);
    FieldRules.sessionId("id", id);
    boolean mine = engine.store().find(id).filter(r -> isOwn(r, user)).isPresent();
    return mine && end(context, id, USER_REVOKED);
  }

  @Override
  public List<String> revokeOthers(CapabilityContext context) {
    Caller user = user(context);
    List<String> revoked = new ArrayList<>();
    for (Session session : list(context)) {
      if (!session.id().equals(user.sessionId()) && end(context, session.id(), USER_REVOKED_OTHERS)) {
        revoked.add(session.id());
      }
    }
    return revoked;
  }

  @Override
  public void logout(CapabilityContext context) {
    end(context, user(context).sessionId(), LOGOUT);
  }

  private boolean end(CapabilityContext context, String id, String reason) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    boolean ended = engine.endSession(id, new Ending(now, reason, context.caller().actor()));
    if (ended) {
      audit.record(context, "session.revoked", context.caller().tenantId(), id,
          AuditTrail.SUCCESS, reason);
    }
    return ended;
  }

  private Caller user(CapabilityContext context) {
    Caller caller = context.caller();
    if (caller.sessionId() == null || !SessionIds.isValid(caller.sessionId())) {
      audit.record(context, "access.denied", caller.tenantId(), "self_service", AuditTrail.DENIED,
          ErrorCode.METHOD_NOT_PERMITTED.code());
      throw new SessiondException(ErrorCode.METHOD_NOT_PERMITTED,
          "self-service calls need an end user's access token");
    }
    return caller;
  }

  private static boolean isOwn(SessionRecord record, Caller user) {
    return record.tenantId().equals(user.tenantId()) && record.userId().equals(user.id());
  }
}
