package dev.sessiond.store.redis.internal;

import dev.sessiond.store.Cursor;
import dev.sessiond.store.SessionRecord;
import io.lettuce.core.Limit;
import io.lettuce.core.ScoredValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a tenant's sorted set of session ids scored by {@code loginAt} newest first ({@link
 * Cursor} order: score, then id, descending), in chunks, starting after a cursor, keeping the
 * records a filter accepts until a page is full.
 */
final class IndexWalk {
  private static final int CHUNK = 200;

  private IndexWalk() {}

  static List<SessionRecord> newestFirst(RedisBackend backend, String tenant, String index,
      Cursor after, Predicate<SessionRecord> keep, int limit) {
    String base = backend.keys.tenant(tenant);
    List<SessionRecord> out = new ArrayList<>();
    long max = after == null ? Long.MAX_VALUE : after.loginAt().toEpochMilli();
    long cursorScore = max;
    String below = after == null ? null : after.id();
    int offset = 0;
    while (true) {
      long top = max;
      int skip = offset;
      List<ScoredValue<String>> chunk = backend.link.call(c -> c.zrevrangebyscoreWithScores(
          base + index, Ranges.atMost(top), Limit.create(skip, CHUNK)));
      List<String> names = new ArrayList<>();
      for (ScoredValue<String> entry : chunk) {
        boolean seen = below != null && (long) entry.getScore() == cursorScore
            && entry.getValue().compareTo(below) >= 0;
        if (!seen) {
          names.add("s:" + entry.getValue());
        }
      }
      for (Map<String, String> fields : backend.fetch(base, names)) {
        SessionRecord record = SessionCodec.record(fields);
        if (record != null && record.tenantId().equals(tenant) && keep.test(record)) {
          out.add(record);
          if (out.size() == limit) {
            return out;
          }
        }
      }
      if (chunk.size() < CHUNK) {
        return out;
      }
      long last = (long) chunk.get(chunk.size() - 1).getScore();
      int atLast = 0;
      for (ScoredValue<String> entry : chunk) {
        atLast += (long) entry.getScore() == last ? 1 : 0;
      }
      offset = last == top ? offset + chunk.size() : atLast;
      max = last;
    }
  }
}
