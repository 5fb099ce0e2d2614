package dev.sessiond.store.redis.internal;

import dev.sessiond.Event;
import dev.sessiond.EventType;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reading, awaiting and purging the event feed under the tag {@code {events}} ({@link
 * Keys#events()}): the stream {@code log}, whose entry ids are {@code <seq>-0}, so reading after a
 * position is an {@code XRANGE} from the id after it; {@code seq}, the last position taken, which
 * purging never lowers; {@code purged}, the highest position purged. The writes append (see
 * {@link RedisEvents}).
 */
public final class RedisEventLog implements AutoCloseable {
  private static final int PURGE_CHUNK = 500;
  private final RedisBackend backend;
  private final EventWait wait;

  public RedisEventLog(RedisBackend backend) {
    this.backend = backend;
    this.wait = new EventWait(backend.link, backend.keys.events() + "log");
  }

  public List<Event> eventsAfter(long after, int limit) {
    RedisSessions.requirePositive(limit);
    String from = Math.max(after, 0) + "-0";
    List<StreamMessage<String, String>> entries = backend.link.call(c -> c.xrange(
        backend.keys.events() + "log", Range.from(Range.Boundary.excluding(from),
            Range.Boundary.unbounded()), Limit.from(limit)));
    List<Event> out = new ArrayList<>();
    for (StreamMessage<String, String> entry : entries) {
      out.add(event(entry.getId(), entry.getBody()));
    }
    return out;
  }

  /** Returns at once if an event after {@code after} is readable; else see {@link EventWait}. */
  public void awaitEventsAfter(long after, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    if (lastEventSeq() <= after) {
      wait.await(after, deadline, this::lastEventSeq);
    }
  }

  public long lastEventSeq() {
    return counter("seq");
  }

  public long purgedThrough() {
    return counter("purged");
  }

  /** A {@code limit} below 1 deletes nothing. Each chunk of up to 500 is one atomic script. */
  public int purgeEventsBefore(Instant cutoff, int limit) {
    int deleted = 0;
    while (deleted < limit) {
      int chunk = Math.min(PURGE_CHUNK, limit - deleted);
      int done = (int) backend.link.integer(Scripts.EVENT_PURGE, backend.keys.events(),
          List.of(Codec.ms(cutoff), Integer.toString(chunk)));
      deleted += done;
      if (done < chunk) {
        break;
      }
    }
    return deleted;
  }

  private long counter(String name) {
    String value = backend.link.call(c -> c.get(backend.keys.events() + name));
    return value == null ? 0 : Long.parseLong(value);
  }

  /** The event an entry holds; fields it lacks read as empty (as {@code emit} never omits one). */
  private static Event event(String id, Map<String, String> f) {
    EventType type = EventType.fromWireName(f.get("type"))
        .orElseThrow(() -> new IllegalStateException("a stored event has an unknown type"));
    return new Event(Long.parseLong(id.substring(0, id.indexOf('-'))), type,
        Codec.instant(f.get("at")), f.getOrDefault("tenant", ""), f.getOrDefault("session", ""),
        f.getOrDefault("user", ""), f.getOrDefault("name", ""), f.getOrDefault("reason", ""),
        Codec.instant(f.get("until")));
  }

  /** Closes the waiting connection; a call waiting on it returns or fails as unavailable. */
  @Override
  public void close() {
    wait.close();
  }
}
