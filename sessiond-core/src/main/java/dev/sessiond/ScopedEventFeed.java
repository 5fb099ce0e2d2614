package dev.sessiond;

import dev.sessiond.internal.EventHub;
import dev.sessiond.internal.Walls;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@link EventFeed} inside the walls: what each caller may subscribe to and see, and when its
 * subscription ends because the caller did.
 */
final class ScopedEventFeed implements EventFeed {
  private final EventHub hub;
  private final Walls walls;
  private final BooleanSupplier fresh;
  private final LongSupplier position;

  ScopedEventFeed(EventHub hub, Walls walls, BooleanSupplier fresh,
      LongSupplier position) {
    this.hub = hub;
    this.walls = walls;
    this.fresh = fresh;
    this.position = position;
  }

  @Override
  public Subscription subscribe(CapabilityContext context, String tenantId, Long after,
      boolean follow, EventSink sink) {
    if (after != null && after < 0) {
      throw new SessiondException(ErrorCode.INVALID_FIELD,
          "the position to resume after is a whole number of at least 0");
    }
    Caller caller = context.caller();
    walls.requireMethod(context, Method.EVENTS_READ);
    boolean everyTenant = caller.sessionId() == null && caller.allTenants()
        && tenantId == null && context.tenantId() == null;
    String tenant = everyTenant ? null : walls.requireTenant(context, Method.EVENTS_READ, tenantId);
    Predicate<Event> visible = tenant == null ? event -> true
        : event -> event.tenantId().equals(tenant);
    return hub.subscribe(after, follow, visible, endsWith(caller), sink);
  }

  /** The events that end the caller itself: its API key revoked, its session ended. */
  private static Predicate<Event> endsWith(Caller caller) {
    if (caller.sessionId() != null) {
      String session = caller.sessionId();
      return event -> (event.type() == EventType.SESSION_REVOKED
          || event.type() == EventType.SESSION_EXPIRED) && event.sessionId().equals(session);
    }
    if (caller.kind() == Caller.Kind.API_KEY) {
      String key = caller.id();
      return event -> event.type() == EventType.API_KEY_REVOKED && event.name().equals(key);
    }
    return event -> false;
  }

  @Override
  public long position() {
    return position.getAsLong();
  }

  @Override
  public boolean isFresh() {
    return fresh.getAsBoolean();
  }

  @Override
  public int subscriberCount() {
    return hub.subscriberCount();
  }
}
