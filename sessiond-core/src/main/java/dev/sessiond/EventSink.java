package dev.sessiond;

import java.time.Instant;

/**
 * Where a {@linkplain EventFeed#subscribe subscription} delivers. Calls come from the feed's
 * threads, one at a time per subscription, in order; they must not block (queue the write and
 * return). A sink that throws is dropped, as if the subscription were closed.
 */
public interface EventSink {
  /** The next event the subscriber may see; positions only grow. */
  void event(Event event);

  /**
   * Events between the subscriber's position and {@code position} are gone (purged past
   * retention, or the position is not one this feed gave out): the subscriber must reload its
   * state. Delivery goes on after {@code position}: every event the store still keeps.
   */
  void reset(long position);

  /**
   * Every event up to {@code position} the subscriber may see has been delivered, and this node
   * read the store's feed at {@code at}. Sent about once a second while the node is in touch with
   * its store; none while it is not, so a subscriber that hears none knows it may be stale.
   */
  void heartbeat(long position, Instant at);

  /**
   * The feed ended the subscription: {@code reason} is {@code caller_revoked} (the API key or
   * session it was opened with ended), {@code shutting_down}, {@code unavailable} (the store
   * failed while the subscriber was catching up; it may resume), or {@code caught_up} (a
   * subscription that does not follow has everything). Nothing is delivered after.
   */
  void closed(String reason);
}
