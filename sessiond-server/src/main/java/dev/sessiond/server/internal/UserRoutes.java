package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessionStatus;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code /v1/users/{userId}/sessions} routes: list and revoke one user's sessions. */
final class UserRoutes {
  /** The {@code status} value that lists sessions in every status. */
  static final String ANY = "any";

  private final SessionEngine engine;
  private final Blocking blocking;

  UserRoutes(SessionEngine engine, Blocking blocking) {
    this.engine = engine;
    this.blocking = blocking;
  }

  /** {@code GET /v1/users/{userId}/sessions?tenantId&status}: status defaults to active. */
  void list(RoutingContext ctx) {
    Query query = Query.of(ctx, Set.of("tenantId", "status"));
    String tenantId = query.get("tenantId");
    String userId = ctx.pathParam("userId");
    boolean any = ANY.equals(query.get("status"));
    SessionStatus status = any ? null : query.wireName("status", SessionStatus::fromWire);
    SessionStatus wanted = any || status != null ? status : SessionStatus.ACTIVE;
    CapabilityContext context = CallerAuth.context(ctx, tenantId);
    blocking.run(ctx, () -> engine.sessions().listForUser(context, userId, wanted),
        (c, sessions) -> Replies.json(c, 200, Map.of("items", sessions)));
  }

  /** {@code POST /v1/users/{userId}/sessions/revoke?tenantId}: ends all the user's sessions. */
  void revokeAll(RoutingContext ctx) {
    Query query = Query.of(ctx, Set.of("tenantId"));
    SessionRoutes.RevokeBody body =
        JsonBodies.optional(ctx, SessionRoutes.RevokeBody.class, SessionRoutes.RevokeBody.NONE);
    String tenantId = query.get("tenantId");
    String userId = ctx.pathParam("userId");
    CapabilityContext context = CallerAuth.context(ctx, tenantId);
    blocking.run(ctx,
        () -> engine.admin().sessions().revokeAllForUser(context, userId, body.reason()),
        (c, ids) -> Replies.json(c, 200, revoked(ids)));
  }

  static Map<String, Object> revoked(List<String> ids) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("revoked", ids.size());
    body.put("sessionIds", ids);
    return body;
  }
}
