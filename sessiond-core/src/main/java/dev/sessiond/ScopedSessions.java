package dev.sessiond;

import dev.sessiond.internal.Walls;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    return engine.get(id).filter(s -> walls.sees(context, Method.SESSIONS_GET, s.tenantId()));
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
    // One wall check per tenant, not per session: a global admin's check reads the grants.
    Map<String, Boolean> visible = new HashMap<>();
    return engine.batchGet(context.tenantId(), ids).stream()
        .filter(s -> visible.computeIfAbsent(s.tenantId(),
            tenant -> walls.sees(context, Method.SESSIONS_BATCH_GET, tenant)))
        .toList();
  }

  @Override
  public List<Session> listForUser(CapabilityContext context, String userId,
      SessionStatus status) {
    String tenant = walls.requireTenant(context, Method.SESSIONS_SEARCH, null);
    return engine.listForUser(tenant, userId, status);
  }

}
