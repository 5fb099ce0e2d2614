package dev.sessiond;

/**
 * This node's view of the event feed, for subscribers such as {@code GET /v1/events}: each
 * subscription gets the events after a position (from the store), then live ones as this node
 * reads them, each exactly once and in order, filtered to what its caller may see. Obtained from
 * {@link SessionEngine#startFollowing()}.
 */
public interface EventFeed {

  /** A running subscription; closing it stops delivery (idempotent). */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Subscribes {@code sink} to the events {@code context}'s caller may see: an API key with
   * {@link Method#EVENTS_READ} sees its tenant's (a key of every tenant sees every tenant's and
   * the deployment-wide ones, or one tenant's when {@code tenantId} names it); an org admin sees
   * its own tenant's. Global admins and plain users may not subscribe.
   *
   * @param tenantId the tenant to narrow to; {@code null} for all the caller may see
   * @param after the position to resume after; {@code null} to start with the next event. A
   *     position below what the store still keeps, or above any it gave out, is answered with
   *     {@link EventSink#reset} first.
   * @param follow {@code true} to go on with live events; {@code false} to stop once the events
   *     the store held at this call are delivered: a last heartbeat, then {@link
   *     EventSink#closed} with {@code caught_up}
   * @throws SessiondException {@link ErrorCode#METHOD_NOT_PERMITTED}, {@link
   *     ErrorCode#TENANT_NOT_PERMITTED}, {@link ErrorCode#INVALID_FIELD} for a negative {@code
   *     after} or a malformed tenant
   */
  Subscription subscribe(CapabilityContext context, String tenantId, Long after, boolean follow,
      EventSink sink);

  /** The last position this node has read and applied; 0 before the first event. */
  long position();

  /**
   * Whether this node read the store's feed within the last few seconds: false while the store is
   * unreachable. Subscribers get no heartbeats while it is false.
   */
  boolean isFresh();

  /** How many subscriptions are open on this node (for metrics). */
  int subscriberCount();
}
