package dev.sessiond;

import dev.sessiond.internal.Walls;
import java.util.List;
import java.util.Optional;

/** {@link Sessions} on an engine: the method and walls checked, then the engine's read. */
final class ScopedSessions implements Sessions {
  private final SessionCore engine;
  private final Walls walls;

  ScopedSessions(SessionCore engine, Walls walls) {
    this.engine = engine;
    this.walls = walls;
  }

  @Override
  public Optional<Session> get(CapabilityContext context, String id) {
    walls.requireMethod(context, Method.SESSIONS_GET);
    return engine.get(id).filter(s -> inside(context, Method.SESSIONS_GET, s));
  }

  @Override
  public Page<Session> search(CapabilityContext context, SearchRequest request) {
    String tenant = walls.requireTenant(context, Method.SESSIONS_SEARCH, request.tenantId());
    return engine.search(new SearchRequest(tenant, request.usernamePrefix(), request.ip(),
        request.ipPrefix(), request.clientType(), request.status(), request.pageSize(),
        request.pageToken()));
  }

  @Override
  public List<Session> batchGet(CapabilityContext context, List<String> ids) {
    walls.requireMethod(context, Method.SESSIONS_BATCH_GET);
    return engine.batchGet(context.tenantId(), ids).stream()
        .filter(s -> inside(context, Method.SESSIONS_BATCH_GET, s))
        .toList();
  }

  @Override
  public List<Session> listForUser(CapabilityContext context, String userId,
      SessionStatus status) {
    String tenant = walls.requireTenant(context, Method.SESSIONS_SEARCH, null);
    return engine.listForUser(tenant, userId, status);
  }

  /**
   * Whether the session is inside the caller's walls (and the context's tenant, if it names one).
   */
  private boolean inside(CapabilityContext context, Method method, Session session) {
    return (context.tenantId() == null || context.tenantId().equals(session.tenantId()))
        && walls.covers(context.caller(), method, session.tenantId());
  }

}
