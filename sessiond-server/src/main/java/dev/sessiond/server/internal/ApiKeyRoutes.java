package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.ErrorCode;
import dev.sessiond.Method;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API-key routes under {@code /v1/api-keys}: create (201; the only answer that ever holds the
 * key), list, and revoke ({@code DELETE}). Keys outside the caller's walls are {@code
 * api_key_not_found}.
 */
final class ApiKeyRoutes {
  private final SessionEngine engine;
  private final Blocking blocking;

  ApiKeyRoutes(SessionEngine engine, Blocking blocking) {
    this.engine = engine;
    this.blocking = blocking;
  }

  /** {@code POST /v1/api-keys}: 201 with the key's description and, once, {@code key}. */
  void create(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    KeyBody body = JsonBodies.required(ctx, KeyBody.class);
    Set<Method> methods = Method.parseAll(body.methods());
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx,
        () -> engine.admin().apiKeys().create(context, body.tenantId(), methods, body.name()),
        (c, created) -> {
          Map<String, Object> reply = Json.members(created.key());
          reply.put("key", created.secret());
          c.response().putHeader("Location", "/v1/api-keys/" + created.key().id());
          Replies.json(c, 201, reply);
        });
  }

  /** {@code GET /v1/api-keys}: the keys inside the caller's walls. */
  void list(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.admin().apiKeys().list(context),
        (c, keys) -> Replies.json(c, 200, Map.of("items", keys)));
  }

  /** {@code DELETE /v1/api-keys/{id}}: the key after revoking it. */
  void revoke(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    CapabilityContext context = CallerAuth.context(ctx);
    String id = ctx.pathParam("id");
    blocking.run(ctx, () -> engine.admin().apiKeys().revoke(context, id)
        .orElseThrow(ApiKeyRoutes::notFound), (c, key) -> Replies.json(c, 200, key));
  }

  private static SessiondException notFound() {
    return new SessiondException(ErrorCode.API_KEY_NOT_FOUND, "no such API key");
  }

  /**
   * The body of a create.
   *
   * @param tenantId the one tenant the key acts in; absent for every tenant
   */
  record KeyBody(String tenantId, List<String> methods, String name) {}
}
