package dev.sessiond.internal;

import dev.sessiond.Event;
import dev.sessiond.EventFeed.Subscription;
import dev.sessiond.EventSink;
import dev.sessiond.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of this node. A new subscription first catches up from the store on a
 * catch-up thread, then joins the live ones, to which the {@link EventFollower} hands each page it
 * reads. Both steps run under one lock at the switch, so no event is delivered twice or skipped:
 * every subscription keeps its own position and skips what it has passed. Thread-safe.
 */
public final class EventHub {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  private static final int PAGE = 500;

  private final EventLog log;
  private final Clock clock;
  private final Object lock = new Object();
  private final List<Sub> live = new ArrayList<>();
  private final ExecutorService catchUp;
  private long position;
  private int catchingUp;
  private boolean closed;

  /**
   * @param position the position the follower starts from
   * @param clock for the heartbeat that ends a subscription that does not follow
   */
  public EventHub(EventLog log, long position, Clock clock) {
    this.log = log;
    this.clock = clock;
    this.position = position;
    ThreadFactory daemons = runnable -> {
      Thread thread = new Thread(runnable, "sessiond-feed-catch-up");
      thread.setDaemon(true);
      return thread;
    };
    this.catchUp = Executors.newFixedThreadPool(2, daemons);
  }

  /**
   * Subscribes {@code sink}, filtered by {@code visible}, ended when {@code ends} matches an event
   * (the caller's own key or session ended).
   *
   * @param follow whether to go on live; if not, it ends with {@code caught_up} once it has
   *     what the store held at this call
   * @param after where to resume; {@code null} for the next event. One below what the store
   *     keeps gets a {@link EventSink#reset} to the last purged position before this returns, then
   *     every event the store keeps; one above any position it gave out gets a reset to the last
   *     one, then the events after it.
   * @throws RuntimeException if the store fails while checking {@code after}
   */
  public Subscription subscribe(Long after, boolean follow, Predicate<Event> visible,
      Predicate<Event> ends, EventSink sink) {
    Sub sub = new Sub(visible, ends, sink);
    if (!follow) {
      long stopAt = log.lastEventSeq();
      sub.stopAt = stopAt;
      if (after == null) {
        after = stopAt;
      }
    }
    if (after == null) {
      synchronized (lock) {
        sub.cursor = position;
        join(sub);
      }
      return sub;
    }
    long from = after;
    long last = log.lastEventSeq();
    long purged = log.purgedThrough();
    // Past retention: reset, then deliver all the store still keeps. From the future: reset to now.
    if (after > last || after < purged) {
      from = after > last ? last : purged;
      long reset = from;
      sub.call(() -> sub.sink.reset(reset));
    }
    sub.cursor = from;
    synchronized (lock) {
      catchingUp++;
    }
    catchUp.execute(() -> catchUp(sub));
    return sub;
  }

  /** The last position handed to live subscriptions. */
  public long position() {
    synchronized (lock) {
      return position;
    }
  }

  /** Open subscriptions, catching up or live. */
  public int subscriberCount() {
    synchronized (lock) {
      return live.size() + catchingUp;
    }
  }

  /** Delivers a page the follower read (in order, after the current position) to live ones. */
  void dispatch(List<Event> page) {
    synchronized (lock) {
      for (Sub sub : new ArrayList<>(live)) {
        sub.deliver(page);
      }
      position = Math.max(position, page.get(page.size() - 1).seq());
    }
  }

  /** Tells every live subscription it is complete up to the current position at {@code at}. */
  void heartbeat(Instant at) {
    synchronized (lock) {
      for (Sub sub : new ArrayList<>(live)) {
        sub.cursor = Math.max(sub.cursor, position);
        sub.call(() -> sub.sink.heartbeat(sub.cursor, at));
      }
    }
  }

  /** The follower lost events (it fell behind retention): every subscriber must reload. */
  void resetAll(long newPosition) {
    synchronized (lock) {
      position = newPosition;
      for (Sub sub : new ArrayList<>(live)) {
        sub.cursor = newPosition;
        sub.call(() -> sub.sink.reset(newPosition));
      }
    }
  }

  /** Ends every subscription with {@code shutting_down} and stops the catch-up threads. */
  public void close() {
    synchronized (lock) {
      closed = true;
      for (Sub sub : new ArrayList<>(live)) {
        sub.end("shutting_down");
      }
    }
    catchUp.shutdownNow();
  }

  /** Delivers from the store after the subscription's position until it reaches the live ones. */
  private void catchUp(Sub sub) {
    try {
      while (!sub.closed) {
        List<Event> page = log.eventsAfter(sub.cursor, PAGE);
        if (!page.isEmpty()) {
          sub.deliver(page);
        }
        if (sub.stopAt >= 0 && (sub.cursor >= sub.stopAt || page.isEmpty())) {
          long done = Math.max(sub.cursor, sub.stopAt);
          sub.call(() -> sub.sink.heartbeat(done, clock.instant()));
          sub.end("caught_up");
          return;
        }
        if (page.size() < PAGE) {
          synchronized (lock) {
            if (sub.cursor >= position) {
              join(sub);
              return;
            }
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("a subscriber could not catch up from the store, ending it: {}", e.toString());
      sub.end("unavailable");
    } finally {
      synchronized (lock) {
        catchingUp--;
      }
    }
  }

  /** Adds to the live ones; holds {@link #lock}. */
  private void join(Sub sub) {
    if (closed) {
      sub.end("shutting_down");
    } else if (!sub.closed) {
      live.add(sub);
    }
  }

  private final class Sub implements Subscription {
    final Predicate<Event> visible;
    final Predicate<Event> ends;
    final EventSink sink;
    /** Where a subscription that does not follow stops; -1 for one that follows. */
    volatile long stopAt = -1;
    volatile long cursor;
    volatile boolean closed;

    Sub(Predicate<Event> visible, Predicate<Event> ends, EventSink sink) {
      this.visible = visible;
      this.ends = ends;
      this.sink = sink;
    }

    void deliver(List<Event> page) {
      for (Event event : page) {
        if (closed || (stopAt >= 0 && event.seq() > stopAt)) {
          return;
        }
        if (event.seq() <= cursor) {
          continue;
        }
        cursor = event.seq();
        if (visible.test(event)) {
          call(() -> sink.event(event));
        }
        if (ends.test(event)) {
          end("caller_revoked");
        }
      }
    }

    /** Calls the sink; one that throws is dropped. */
    void call(Runnable call) {
      if (closed) {
        return;
      }
      try {
        call.run();
      } catch (RuntimeException e) {
        LOG.debug("dropping a subscriber whose sink failed: {}", e.toString());
        close();
      }
    }

    void end(String reason) {
      if (!closed) {
        call(() -> sink.closed(reason));
        close();
      }
    }

    @Override
    public void close() {
      closed = true;
      synchronized (lock) {
        live.remove(this);
      }
    }
  }
}
