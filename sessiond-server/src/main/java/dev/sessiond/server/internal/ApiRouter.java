package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the HTTP API's {@link Router}. Order matters and is fixed here: bearer auth on {@code
 * /v1/*}, then the JSON content-type check, then the body reader with its size limit, then the
 * routes. After each path's routes comes a catch for other methods (405 with {@code Allow}), and
 * after everything a 404 {@code not_found}. Every failure becomes a problem document.
 */
public final class ApiRouter {
  private ApiRouter() {}

  /**
   * The router for {@code engine}.
   *
   * @param workers where engine calls run (never on the event loop)
   * @param adminKey the bearer key every {@code /v1} call must present
   * @param bodyLimitBytes the largest body accepted
   */
  public static Router create(Vertx vertx, SessionEngine engine, WorkerExecutor workers,
      String adminKey, int bodyLimitBytes) {
    Blocking blocking = new Blocking(workers);
    SessionRoutes sessions = new SessionRoutes(engine, blocking);
    UserRoutes users = new UserRoutes(engine, blocking);
    OperationsRoutes operations = new OperationsRoutes();

    Router router = Router.router(vertx);
    router.route("/v1/*").handler(new BearerAuth(adminKey));
    router.route("/v1/*").handler(new JsonContentType());
    router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes));

    List<Endpoint> endpoints = List.of(
        new Endpoint(HttpMethod.GET, "/healthz", operations::health),
        new Endpoint(HttpMethod.GET, "/openapi.json", operations::openApi),
        new Endpoint(HttpMethod.POST, "/v1/sessions", sessions::open),
        new Endpoint(HttpMethod.GET, "/v1/sessions", sessions::search),
        new Endpoint(HttpMethod.POST, "/v1/sessions/batch-get", sessions::batchGet),
        new Endpoint(HttpMethod.GET, "/v1/sessions/:id", sessions::get),
        new Endpoint(HttpMethod.POST, "/v1/sessions/:id/touch", sessions::touch),
        new Endpoint(HttpMethod.POST, "/v1/sessions/:id/revoke", sessions::revoke),
        new Endpoint(HttpMethod.GET, "/v1/users/:userId/sessions", users::list),
        new Endpoint(HttpMethod.POST, "/v1/users/:userId/sessions/revoke", users::revokeAll));
    register(router, endpoints);

    router.route().handler(ctx -> Problems.write(ctx.response(), ErrorCode.NOT_FOUND, "no such route"));
    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, failures.forStatus(status));
    }
    return router;
  }

  /** Registers each path's routes, followed by that path's 405 catch. */
  private static void register(Router router, List<Endpoint> endpoints) {
    Map<String, List<Endpoint>> byPath = new LinkedHashMap<>();
    for (Endpoint endpoint : endpoints) {
      byPath.computeIfAbsent(endpoint.path(), p -> new ArrayList<>()).add(endpoint);
    }
    byPath.forEach((path, routes) -> {
      for (Endpoint endpoint : routes) {
        router.route(endpoint.method(), path).handler(endpoint.handler());
      }
      String allow = routes.stream().map(e -> e.method().name()).collect(Collectors.joining(", "));
      router.route(path).handler(ctx -> {
        ctx.response().putHeader("Allow", allow);
        Problems.write(ctx.response(), ErrorCode.METHOD_NOT_ALLOWED,
            "this route allows " + allow);
      });
    });
  }

  /** One API route: a method, a Vert.x path template and its handler. */
  private record Endpoint(HttpMethod method, String path, Handler<RoutingContext> handler) {}
}
