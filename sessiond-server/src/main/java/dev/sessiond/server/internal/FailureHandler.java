package dev.sessiond.server.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failed request into a problem document. Engine errors keep their code and detail;
 * Vert.x status failures map to the matching code; anything else is logged and answered as a
 * generic {@code internal} error that reveals nothing.
 */
final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    handle(ctx, 500);
  }

  /**
   * The handler for the router's error handler of {@code status}: Vert.x calls those without
   * setting the context's failure or status (for example when a path escape cannot be decoded).
   */
  Handler<RoutingContext> forStatus(int status) {
    return ctx -> handle(ctx, status);
  }

  private void handle(RoutingContext ctx, int fallbackStatus) {
    Throwable failure = ctx.failure();
    if (failure instanceof SessiondException) {
      SessiondException error = (SessiondException) failure;
      if (error.code().status() >= 500) {
        LOG.warn("{} {} answered {}: {}", ctx.request().method(), ctx.request().path(),
            error.code().code(), error.detail());
      }
      Problems.write(ctx.response(), error);
      return;
    }
    if (failure instanceof RejectedExecutionException) {
      Problems.write(ctx.response(), ErrorCode.UNAVAILABLE, "sessiond is shutting down");
      return;
    }
    int status = failure instanceof HttpException
        ? ((HttpException) failure).getStatusCode() : ctx.statusCode();
    if (status == -1) {
      status = failure == null ? fallbackStatus : 500;
    }
    switch (status) {
      case 400:
        Problems.write(ctx.response(), ErrorCode.INVALID_FIELD,
            "the request path or query is not valid");
        break;
      case 405:
        Problems.write(ctx.response(), ErrorCode.METHOD_NOT_ALLOWED, "method not allowed");
        break;
      case 404:
        Problems.write(ctx.response(), ErrorCode.NOT_FOUND, "no such route");
        break;
      case 413:
        Problems.write(ctx.response(), ErrorCode.BODY_TOO_LARGE, "the body is larger than allowed");
        break;
      case 415:
        Problems.write(ctx.response(), ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            "the body must be application/json");
        break;
      case 503:
        Problems.write(ctx.response(), ErrorCode.UNAVAILABLE, "try again later");
        break;
      default:
        if (status >= 400 && status < 500) {
          Problems.write(ctx.response(), ErrorCode.INVALID_FIELD, "the request is not valid");
        } else {
          LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(),
              failure);
          Problems.write(ctx.response(), ErrorCode.INTERNAL, "an internal error occurred");
        }
    }
  }
}
