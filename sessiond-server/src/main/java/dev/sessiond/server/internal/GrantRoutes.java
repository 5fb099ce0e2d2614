package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import dev.sessiond.SupportGrant;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The support-grant routes under {@code /v1/tenants/{tenantId}/support-grants}: create (201),
 * list, read one, and revoke ({@code DELETE}, which also revokes every session a global admin
 * opened under the grant). A grant of another tenant is {@code grant_not_found}.
 */
final class GrantRoutes {
  private final SessionEngine engine;
  private final Blocking blocking;

  GrantRoutes(SessionEngine engine, Blocking blocking) {
    this.engine = engine;
    this.blocking = blocking;
  }

  /** {@code POST}: 201 with the grant and its {@code Location}. */
  void create(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    GrantBody body = JsonBodies.required(ctx, GrantBody.class);
    Instant expiresAt = Instants.parse("expiresAt", body.expiresAt());
    CapabilityContext context = CallerAuth.context(ctx, ctx.pathParam("tenantId"));
    blocking.run(ctx, () -> engine.admin().grants().create(context, expiresAt, body.note()),
        (c, grant) -> {
          c.response().putHeader("Location", location(grant));
          Replies.json(c, 201, grant);
        });
  }

  /** {@code GET}: the tenant's grants, newest first. */
  void list(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    CapabilityContext context = CallerAuth.context(ctx, ctx.pathParam("tenantId"));
    blocking.run(ctx, () -> engine.admin().grants().list(context),
        (c, grants) -> Replies.json(c, 200, Map.of("items", grants)));
  }

  /** {@code GET .../{id}}: one grant, or 404 {@code grant_not_found}. */
  void get(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    CapabilityContext context = CallerAuth.context(ctx, ctx.pathParam("tenantId"));
    String id = ctx.pathParam("id");
    blocking.run(ctx, () -> engine.admin().grants().get(context, id)
        .orElseThrow(GrantRoutes::notFound),
        (c, grant) -> Replies.json(c, 200, grant));
  }

  /** {@code DELETE .../{id}}: the grant after revoking it, or 404 {@code grant_not_found}. */
  void revoke(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    CapabilityContext context = CallerAuth.context(ctx, ctx.pathParam("tenantId"));
    String id = ctx.pathParam("id");
    blocking.run(ctx, () -> engine.admin().grants().revoke(context, id)
        .orElseThrow(GrantRoutes::notFound), (c, grant) -> Replies.json(c, 200, grant));
  }

  private static String location(SupportGrant grant) {
    return "/v1/tenants/" + grant.tenantId() + "/support-grants/" + grant.id();
  }

  private static SessiondException notFound() {
    return new SessiondException(ErrorCode.GRANT_NOT_FOUND, "no such support grant");
  }

  /** The body of a create: an RFC 3339 instant and an optional note. */
  record GrantBody(String expiresAt, String note) {}
}
