package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.SessionEngine;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/** The {@code /v1/tenants/{tenantId}} routes: revoke every session of a tenant. */
final class TenantRoutes {
  private final SessionEngine engine;
  private final Blocking blocking;

  TenantRoutes(SessionEngine engine, Blocking blocking) {
    this.engine = engine;
    this.blocking = blocking;
  }

  /**
   * {@code POST /v1/tenants/{tenantId}/sessions/revoke}: raises the tenant's watermark (every token
   * issued until now stops verifying), then revokes every active session; 200 with how many.
   */
  void revokeAll(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    SessionRoutes.RevokeBody body =
        JsonBodies.optional(ctx, SessionRoutes.RevokeBody.class, SessionRoutes.RevokeBody.NONE);
    String tenantId = ctx.pathParam("tenantId");
    CapabilityContext context = CallerAuth.context(ctx, tenantId);
    blocking.run(ctx, () -> engine.admin().sessions().revokeAllInTenant(context, body.reason()),
        (c, count) -> Replies.json(c, 200, Map.of("revoked", count)));
  }
}
