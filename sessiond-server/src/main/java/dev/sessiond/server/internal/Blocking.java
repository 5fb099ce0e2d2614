package dev.sessiond.server.internal;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * Runs engine calls on the store worker pool, never on the event loop, and hands the result back
 * to the request on its event loop. A failure goes to the router's failure handler.
 */
final class Blocking {
  private final WorkerExecutor workers;

  Blocking(WorkerExecutor workers) {
    this.workers = workers;
  }

  /** Runs {@code call} on a worker, then {@code respond} with its result on the event loop. */
  <T> void run(RoutingContext ctx, Callable<T> call, BiConsumer<RoutingContext, T> respond) {
    io.vertx.core.Future<T> future;
    try {
      future = workers.executeBlocking(call, false);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    future.onComplete(result -> {
      if (result.succeeded()) {
        try {
          respond.accept(ctx, result.result());
        } catch (RuntimeException e) {
          ctx.fail(e);
        }
      } else {
        ctx.fail(result.cause());
      }
    });
  }
}
