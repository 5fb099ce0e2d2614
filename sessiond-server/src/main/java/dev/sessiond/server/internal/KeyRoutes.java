package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import dev.sessiond.SigningAlgorithm;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The signing-key routes: {@code GET /.well-known/jwks.json} (public: every key whose tokens may
 * still be valid, cacheable) and {@code POST /v1/keys/rotate} (a new active key now).
 */
final class KeyRoutes {
  private final SessionEngine engine;
  private final Blocking blocking;
  private final SigningAlgorithm defaultAlgorithm;

  KeyRoutes(SessionEngine engine, Blocking blocking, SigningAlgorithm defaultAlgorithm) {
    this.engine = engine;
    this.blocking = blocking;
    this.defaultAlgorithm = defaultAlgorithm;
  }

  /** {@code GET /.well-known/jwks.json}: the JWK Set, with {@code Cache-Control: max-age}. */
  void jwks(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    long maxAge = engine.publicKeysMaxAge().toSeconds();
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "public, max-age=" + maxAge)
        .end(engine.publicKeysJson());
  }

  /**
   * {@code POST /v1/keys/rotate}: a new active key for {@code algorithm} (default: the configured
   * one); tokens signed by the previous key keep verifying until they expire.
   */
  void rotate(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    RotateBody body = JsonBodies.optional(ctx, RotateBody.class, RotateBody.NONE);
    SigningAlgorithm algorithm = body.algorithm() == null ? defaultAlgorithm
        : AlgorithmNames.parse(body.algorithm()).orElseThrow(() -> new SessiondException(
            ErrorCode.INVALID_FIELD, "algorithm must be one of " + AlgorithmNames.LIST));
    CapabilityContext context = CallerAuth.context(ctx);
    blocking.run(ctx, () -> engine.rotateSigningKey(context, algorithm), (c, kid) -> {
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("kid", kid);
      reply.put("algorithm", algorithm.jwsName());
      Replies.json(c, 200, reply);
    });
  }

  /** The optional body of a rotation. */
  record RotateBody(String algorithm) {
    static final RotateBody NONE = new RotateBody(null);
  }
}
