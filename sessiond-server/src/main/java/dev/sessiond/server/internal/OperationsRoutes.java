package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * The unauthenticated operations routes: {@code /healthz}, {@code /readyz} and {@code
 * /openapi.json}.
 */
final class OperationsRoutes {
  /** The classpath location of the OpenAPI document. */
  static final String OPENAPI_RESOURCE = "/openapi.json";

  private final Buffer openApi;
  private final SessionEngine engine;

  OperationsRoutes(SessionEngine engine) {
    this.openApi = loadOpenApi();
    this.engine = engine;
  }

  /** {@code GET /healthz}: the process is up and serving. */
  void health(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    Replies.json(ctx, 200, Map.of("status", "ok"));
  }

  /**
   * {@code GET /readyz}: ready for traffic while this node reads its store's event feed (so it
   * enforces other nodes' revocations); 503 {@code unavailable} while it cannot.
   */
  void ready(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    if (!engine.events().isFresh()) {
      throw new SessiondException(ErrorCode.UNAVAILABLE,
          "this node cannot read its store's event feed; it is reconnecting");
    }
    Replies.json(ctx, 200, Map.of("status", "ready"));
  }

  /** {@code GET /openapi.json}: the API description. */
  void openApi(RoutingContext ctx) {
    Query.of(ctx, Set.of());
    ctx.response().putHeader("Content-Type", "application/json").end(openApi);
  }

  /** The OpenAPI document from the classpath. */
  static Buffer loadOpenApi() {
    try (InputStream in = OperationsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
