package dev.sessiond.server.internal;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a form body into memory, raw, for {@link FormBody} to decode: the {@code /oauth2/*}
 * counterpart of Vert.x's {@code BodyHandler}, which would also hand form bodies to Netty's form
 * decoder (with its own, smaller, limits and errors). A body larger than the limit gets 413 {@code
 * body_too_large}, judged by {@code Content-Length} before reading when there is one.
 */
final class FormBodyReader implements Handler<RoutingContext> {
  /** The routing-context key of the body read, a {@link Buffer}. */
  static final String BODY = "sessiond.formBody";

  private final int limit;

  FormBodyReader(int limit) {
    this.limit = limit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Buffer body = Buffer.buffer();
    ctx.put(BODY, body);
    if (!JsonContentType.hasBody(request) || request.isEnded()) {
      ctx.next();
      return;
    }
    if (declaredLength(request) > limit) {
      ctx.fail(413);
      return;
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      ctx.response().writeContinue();
    }
    boolean[] failed = {false};
    request.handler(chunk -> {
      if (failed[0]) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        failed[0] = true;
        ctx.fail(413);
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(e -> {
      if (!failed[0]) {
        failed[0] = true;
        ctx.fail(400, e);
      }
    });
    request.endHandler(done -> {
      if (!failed[0]) {
        ctx.next();
      }
    });
    request.resume();
  }

  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    try {
      return length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
