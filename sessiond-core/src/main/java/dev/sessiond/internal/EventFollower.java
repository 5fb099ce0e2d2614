package dev.sessiond.internal;

import dev.sessiond.Event;
import dev.sessiond.store.EventLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the store's event feed on one daemon thread: reads each page after its position, has
 * this node {@linkplain #apply apply} every event (revocations, keys, caches), then hands the page
 * to the {@link EventHub}; between pages it waits on the store, at most until the next heartbeat,
 * which it sends about every second while reads succeed. When the store fails it retries with a
 * backoff (up to a second) and, once back, catches up from where it was; if it fell behind the
 * store's retention it {@linkplain #resync resyncs} this node from the store and resets the
 * subscribers.
 */
public final class EventFollower {
  private static final Logger LOG = LoggerFactory.getLogger(EventFollower.class);
  private static final int PAGE = 500;
  private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(3);

  private final EventLog log;
  private final EventHub hub;
  private final Consumer<Event> apply;
  private final Runnable resync;
  private final Clock clock;
  private final Thread thread;
  private volatile long position;
  private volatile long lastReadNanos;
  private volatile boolean running = true;

  /**
   * @param position the position to follow from: read before this node loaded its state from the
   *     store, so nothing between is missed
   * @param apply applies one event to this node; must be idempotent (this node's own writes come
   *     back through the feed)
   * @param resync reloads this node's state from the store after events were lost
   */
  public EventFollower(EventLog log, EventHub hub, long position, Consumer<Event> apply,
      Runnable resync, Clock clock) {
    this.log = log;
    this.hub = hub;
    this.apply = apply;
    this.resync = resync;
    this.clock = clock;
    this.position = position;
    this.lastReadNanos = System.nanoTime();
    this.thread = new Thread(this::run, "sessiond-feed-follower");
    thread.setDaemon(true);
  }

  /** Starts the thread. */
  public void start() {
    thread.start();
  }

  /** The last position applied. */
  public long position() {
    return position;
  }

  /** Whether the last successful read of the store is at most a few seconds old. */
  public boolean isFresh() {
    return System.nanoTime() - lastReadNanos < FRESH_NANOS;
  }

  /** Stops the thread and waits for it briefly; subscriptions are the hub's to end. */
  public void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long nextHeartbeat = System.nanoTime();
    long backoffMillis = 0;
    boolean checkRetention = true;
    while (running) {
      try {
        List<Event> page = log.eventsAfter(position, PAGE);
        lastReadNanos = System.nanoTime();
        if (backoffMillis > 0) {
          LOG.info("event feed reachable again; catching up from position {}", position);
          backoffMillis = 0;
        }
        boolean skipped = !page.isEmpty() && page.get(0).seq() > position + 1;
        if ((checkRetention || skipped) && log.purgedThrough() > position) {
          lost();
          continue;
        }
        checkRetention = false;
        for (Event event : page) {
          apply.accept(event);
        }
        if (!page.isEmpty()) {
          hub.dispatch(page);
          position = page.get(page.size() - 1).seq();
        }
        long now = System.nanoTime();
        if (now - nextHeartbeat >= 0) {
          hub.heartbeat(clock.instant());
          nextHeartbeat = now + HEARTBEAT_NANOS;
        }
        if (page.size() < PAGE) {
          long wait = Math.max(1, nextHeartbeat - System.nanoTime());
          log.awaitEventsAfter(position, Duration.ofNanos(wait));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        if (backoffMillis == 0) {
          LOG.warn("cannot read the event feed, retrying until it answers: {}", e.toString());
        }
        backoffMillis = Math.min(1000, Math.max(50, backoffMillis * 2));
        checkRetention = true;
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Fell behind retention: reload this node from the store and reset the subscribers. */
  private void lost() {
    long resumeAt = log.lastEventSeq();
    LOG.warn("the event feed was purged past this node's position {}; reloading state from the "
        + "store and resuming at {}", position, resumeAt);
    resync.run();
    position = resumeAt;
    hub.resetAll(resumeAt);
  }
}
