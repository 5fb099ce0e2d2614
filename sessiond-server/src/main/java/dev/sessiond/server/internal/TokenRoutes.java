package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import dev.sessiond.VerifyContext;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The token routes under {@code /v1}: {@code POST /v1/sessions/refresh}, {@code POST
 * /v1/sessions/from-token-set} and {@code POST /v1/introspect}.
 */
final class TokenRoutes {
  private final SessionEngine engine;
  private final Blocking blocking;
  private final TokenViews views;
  private final Introspector introspector;

  TokenRoutes(SessionEngine engine, Blocking blocking, TokenViews views, Introspector introspector) {
    this.engine = engine;
    this.blocking = blocking;
    this.views = views;
    this.introspector = introspector;
  }

  /** {@code POST /v1/sessions/refresh}: rotates the refresh token; 200 with the new pair. */
  void refresh(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    RefreshBody body = JsonBodies.required(ctx, RefreshBody.class);
    String refreshToken = required("refreshToken", body.refreshToken());
    CapabilityContext caller = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.refresh(caller, refreshToken),
        (c, opened) -> Replies.json(c, 200, views.opened(opened)));
  }

  /**
   * {@code POST /v1/sessions/from-token-set}: opens (or finds) the session of an external issuer's
   * OAuth token set after verifying it; 201 with the session view and its {@code Location}. The
   * refresh token is accepted and dropped: never stored, never logged.
   */
  void fromTokenSet(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    TokenSetBody body = JsonBodies.required(ctx, TokenSetBody.class);
    String accessToken = required("accessToken", body.accessToken());
    VerifyContext context = VerifyContext.of(body.tenantId(), body.ip(), body.userAgent());
    String idToken = body.idToken();
    CapabilityContext caller = CallerAuth.context(ctx);
    blocking.run(ctx,
        () -> engine.openFromTokenSet(caller, accessToken, null, idToken, context),
        (c, session) -> {
          c.response().putHeader("Location", "/v1/sessions/" + session.id());
          Replies.json(c, 201, session);
        });
  }

  /** {@code POST /v1/introspect}: the RFC 7662 answer for {@code token} in the caller's context. */
  void introspect(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    IntrospectBody body = JsonBodies.required(ctx, IntrospectBody.class);
    if (body.token() == null) {
      throw new SessiondException(ErrorCode.MISSING_FIELD, "token is required");
    }
    introspector.answer(ctx, body.token(),
        VerifyContext.of(body.tenantId(), body.ip(), body.userAgent()));
  }

  private static String required(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new SessiondException(ErrorCode.MISSING_FIELD, field + " is required");
    }
    return value;
  }

  /** The body of a refresh. */
  record RefreshBody(String refreshToken) {}

  /**
   * The body of a token set. {@code refreshToken} is the issuer's own: read so that the body is
   * accepted, then dropped.
   */
  record TokenSetBody(String accessToken, String refreshToken, String idToken, String tenantId,
      String ip, String userAgent) {
    @Override
    public String toString() {
      return "TokenSetBody[tenantId=" + tenantId + ", ip=" + ip + "]";
    }
  }

  /** The body of an introspection; the context members are the end user's, as the caller saw them. */
  record IntrospectBody(String token, String tenantId, String ip, String userAgent) {}
}
