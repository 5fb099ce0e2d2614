package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.ErrorCode;
import dev.sessiond.EventFeed;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/events}: the event feed as Server-Sent Events, inside the caller's walls. It
 * resumes after {@code Last-Event-ID} (or the {@code after} parameter), then goes on live with a
 * heartbeat each second; {@code follow=false} ends it once it has caught up.
 */
final class EventRoutes {
  private static final Set<String> PARAMS = Set.of("tenantId", "after", "follow");
  private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");
  /** The most subscribers one node serves; past it, new ones get 503 and should retry. */
  static final int MAX_SUBSCRIBERS = 10_000;

  private final SessionEngine engine;
  private final Blocking blocking;

  EventRoutes(SessionEngine engine, Blocking blocking) {
    this.engine = engine;
    this.blocking = blocking;
  }

  void stream(RoutingContext ctx) {
    Query query = Query.of(ctx, PARAMS);
    String header = ctx.request().getHeader("Last-Event-ID");
    Long after = position(header != null && !header.isEmpty() ? header : query.get("after"));
    boolean follow = follow(query.get("follow"));
    String tenantId = query.get("tenantId");
    CapabilityContext context = CallerAuth.context(ctx);
    EventFeed feed = engine.events();
    if (feed.subscriberCount() >= MAX_SUBSCRIBERS) {
      throw new SessiondException(ErrorCode.UNAVAILABLE,
          "this node serves as many event subscribers as it may; retry, or use another node");
    }
    EventStream stream = new EventStream(ctx.vertx().getOrCreateContext(), ctx.response());
    blocking.run(ctx, () -> feed.subscribe(context, tenantId, after, follow, stream),
        (c, subscription) -> stream.start(subscription));
  }

  /** A position: {@code null} if absent; a whole number of at least 0 otherwise. */
  private static Long position(String value) {
    if (value == null) {
      return null;
    }
    if (!POSITION.matcher(value).matches()) {
      throw new SessiondException(ErrorCode.INVALID_FIELD,
          "Last-Event-ID (or after) must be a position this feed gave out: a whole number");
    }
    return Long.parseLong(value);
  }

  private static boolean follow(String value) {
    if (value == null || value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw new SessiondException(ErrorCode.INVALID_FIELD, "follow must be true or false");
  }
}
