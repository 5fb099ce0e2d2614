package dev.sessiond.store;

import dev.sessiond.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The event feed in the heap, for {@link InMemorySessionStore}. */
final class InMemoryEvents {
  private final List<Event> events = new ArrayList<>();
  private long last;
  private long purgedThrough;

  synchronized void append(Event event) {
    events.add(event.withSeq(++last));
    notifyAll();
  }

  synchronized List<Event> after(long after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    List<Event> out = new ArrayList<>();
    for (Event event : events) {
      if (event.seq() > after) {
        out.add(event);
        if (out.size() == limit) {
          break;
        }
      }
    }
    return out;
  }

  synchronized void await(long after, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (last <= after) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Duration wait = Duration.ofNanos(left);
      wait(Math.max(1, wait.toMillis()));
    }
  }

  synchronized long last() {
    return last;
  }

  synchronized long purgedThrough() {
    return purgedThrough;
  }

  synchronized int purgeBefore(Instant cutoff, int limit) {
    int purged = 0;
    while (purged < limit && !events.isEmpty() && events.get(0).at().isBefore(cutoff)) {
      purgedThrough = events.remove(0).seq();
      purged++;
    }
    return purged;
  }
}
