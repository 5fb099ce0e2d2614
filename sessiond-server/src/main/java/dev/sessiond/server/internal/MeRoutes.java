package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.ErrorCode;
import dev.sessiond.Session;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The self-service routes under {@code /v1/me}: an end user, authenticated by their own access
 * token, lists their sessions ("my devices", the current one flagged), revokes one, revokes all
 * the others, or logs out. Only the calling user's sessions in the calling session's tenant are
 * ever touched; another user's session id is answered as an unknown one.
 */
final class MeRoutes {
  private final SessionEngine engine;
  private final Blocking blocking;

  MeRoutes(SessionEngine engine, Blocking blocking) {
    this.engine = engine;
    this.blocking = blocking;
  }

  /** {@code GET /v1/me/sessions}: the user's active sessions, each with {@code current}. */
  void list(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.self().list(context), (c, sessions) -> {
      String current = context.caller().sessionId();
      List<Map<String, Object>> items =
          sessions.stream().map(s -> flagged(s, s.id().equals(current))).toList();
      Replies.json(c, 200, Map.of("items", items));
    });
  }

  /** {@code POST /v1/me/sessions/{id}/revoke}: 204, or 404 {@code session_not_found}. */
  void revoke(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    JsonBodies.optional(ctx, SessionRoutes.EmptyBody.class, null);
    CapabilityContext context = CallerAuth.context(ctx);
    String id = ctx.pathParam("id");
    blocking.run(ctx, () -> engine.self().revoke(context, id), (c, revoked) -> {
      if (!revoked) {
        throw new SessiondException(ErrorCode.SESSION_NOT_FOUND, "no such session");
      }
      c.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
    });
  }

  /** {@code POST /v1/me/sessions/revoke-others}: the ids revoked. */
  void revokeOthers(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    JsonBodies.optional(ctx, SessionRoutes.EmptyBody.class, null);
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.self().revokeOthers(context),
        (c, ids) -> Replies.json(c, 200, UserRoutes.revoked(ids)));
  }

  /** {@code POST /v1/me/logout}: 204; the calling session is revoked. */
  void logout(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    JsonBodies.optional(ctx, SessionRoutes.EmptyBody.class, null);
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> {
      engine.self().logout(context);
      return Boolean.TRUE;
    }, (c, done) -> c.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end());
  }

  private static Map<String, Object> flagged(Session session, boolean current) {
    Map<String, Object> item = Json.members(session);
    item.put("current", current);
    return item;
  }
}
