package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.SessionEngine;
import dev.sessiond.VerifyContext;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The OAuth endpoints, form-encoded and behind {@link ClientAuth}: {@code POST /oauth2/introspect}
 * (RFC 7662) and {@code POST /oauth2/revoke} (RFC 7009). {@code token_type_hint} is accepted and
 * not needed: sessiond tells access and refresh tokens apart by itself.
 */
final class OAuthRoutes {
  /** The reason recorded on a session revoked through RFC 7009. */
  static final String REVOKE_REASON = "oauth2_revoke";

  private final SessionEngine engine;
  private final Blocking blocking;
  private final Introspector introspector;

  OAuthRoutes(SessionEngine engine, Blocking blocking, Introspector introspector) {
    this.engine = engine;
    this.blocking = blocking;
    this.introspector = introspector;
  }

  /**
   * {@code POST /oauth2/introspect}: answers like {@code POST /v1/introspect} with no caller
   * context (RFC 7662 has no members for it).
   */
  void introspect(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    String token = FormBody.of(ctx).required("token");
    introspector.answer(ctx, token, VerifyContext.NONE);
  }

  /**
   * {@code POST /oauth2/revoke}: revokes the session of an access or refresh token; 200 with an
   * empty body, also for tokens that are unknown, invalid or already revoked (RFC 7009 §2.2).
   */
  void revoke(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    String token = FormBody.of(ctx).required("token");
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.revokeToken(context, token, REVOKE_REASON),
        (c, revoked) -> c.response().setStatusCode(200)
            .putHeader("Cache-Control", "no-store").end());
  }
}
