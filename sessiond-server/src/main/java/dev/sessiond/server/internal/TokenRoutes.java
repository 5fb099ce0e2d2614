package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import dev.sessiond.Verification;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token routes under {@code /v1}: {@code POST /v1/sessions/refresh} and {@code POST
 * /v1/introspect}. Introspection runs on the event loop: verification never touches the store.
 */
final class TokenRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(TokenRoutes.class);

  private final SessionEngine engine;
  private final Blocking blocking;
  private final TokenViews views;

  TokenRoutes(SessionEngine engine, Blocking blocking, TokenViews views) {
    this.engine = engine;
    this.blocking = blocking;
    this.views = views;
  }

  /** {@code POST /v1/sessions/refresh}: rotates the refresh token; 200 with the new pair. */
  void refresh(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    RefreshBody body = JsonBodies.required(ctx, RefreshBody.class);
    String refreshToken = required("refreshToken", body.refreshToken());
    blocking.run(ctx, () -> engine.refresh(refreshToken),
        (c, opened) -> Replies.json(c, 200, views.opened(opened)));
  }

  /** {@code POST /v1/introspect}: the RFC 7662 answer for {@code token}. */
  void introspect(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    IntrospectBody body = JsonBodies.required(ctx, IntrospectBody.class);
    if (body.token() == null) {
      throw new SessiondException(ErrorCode.MISSING_FIELD, "token is required");
    }
    Replies.json(ctx, 200, TokenViews.introspection(verify(engine, body.token())));
  }

  /**
   * {@link SessionEngine#verify}, which never throws for bad input; should it fail all the same,
   * the token counts as not active (and the failure is logged, without the token).
   */
  static Verification verify(SessionEngine engine, String token) {
    try {
      return engine.verify(token);
    } catch (RuntimeException e) {
      LOG.warn("verification failed unexpectedly; answering not active", e);
      return Verification.rejected(Verification.Outcome.INVALID);
    }
  }

  private static String required(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new SessiondException(ErrorCode.MISSING_FIELD, field + " is required");
    }
    return value;
  }

  /** The body of a refresh. */
  record RefreshBody(String refreshToken) {}

  /** The body of an introspection. */
  record IntrospectBody(String token) {}
}
