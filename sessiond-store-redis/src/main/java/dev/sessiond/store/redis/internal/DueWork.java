package dev.sessiond.store.redis.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which tenants have due work, so sweeps visit only those, never scanning keys (see {@code
 * due.lua}). A write that adds an item to a sweep index {@linkplain #write enters} first (lowering
 * the tenant's bound to the item's score, counting itself as under way) and leaves after; a sweep
 * reads the tenants whose bound is due, works on each in its slot, and {@linkplain #sweep settles}
 * the bound to the tenant's new earliest item only if no write entered or left meanwhile. So no
 * due item is ever missed: a write that crashes between entering and leaving keeps its tenant due
 * (visited by every sweep, at the cost of one script call) rather than lost. Every write also
 * registers its tenant in the set {@link #tenants()} that the deployment-wide listings walk.
 */
final class DueWork {
  /** A kind of sweep, named as in the keys. */
  enum Kind {
    EXPIRY("exp"), ENDING("end"), GRANT("grant"), BAN("bl");

    final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  /** What one tenant's batch did: how many items, and its earliest score left ({@code ""}: none). */
  record Batch(int count, String earliest) {}

  /** A tenant whose bound is due: the version read with it, and the bound. */
  record Due(String tenant, String version, long bound) {}

  private final RedisLink link;
  private final Keys keys;

  DueWork(RedisLink link, Keys keys) {
    this.link = link;
    this.keys = keys;
  }

  /**
   * Runs {@code write} in {@code tenant}'s slot between entering (for each kind, the score of the
   * earliest item it may add) and leaving.
   */
  <T> T write(String tenant, Map<Kind, Long> scores, Supplier<T> write) {
    List<String> enter = new ArrayList<>(List.of("enter", tenant));
    List<String> leave = new ArrayList<>(List.of("leave", tenant));
    scores.forEach((kind, score) -> {
      enter.add(kind.key);
      enter.add(Long.toString(score));
      leave.add(kind.key);
    });
    link.integer(Scripts.DUE, keys.due(), enter);
    try {
      return write.get();
    } finally {
      if (!scores.isEmpty()) {
        link.integer(Scripts.DUE, keys.due(), leave);
      }
    }
  }

  /** The same with one kind. */
  <T> T write(String tenant, Kind kind, long score, Supplier<T> write) {
    Map<Kind, Long> scores = new LinkedHashMap<>();
    scores.put(kind, score);
    return write(tenant, scores, write);
  }

  /**
   * Runs {@code batch} on each tenant whose {@code kind} bound is at most {@code bound} (Redis
   * score syntax: {@code 123} or {@code (123}), with what is left of {@code limit}, until the
   * batches reach it; settles each visited tenant's bound.
   *
   * @return the sum of the batches' counts
   */
  int sweep(Kind kind, String bound, int limit, java.util.function.BiFunction<Due, Integer, Batch> batch) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    List<Object> due = link.list(Scripts.DUE, keys.due(), List.of("due", kind.key, bound));
    int done = 0;
    for (int i = 0; i + 2 < due.size() && done < limit; i += 3) {
      Due tenant = new Due(String.valueOf(due.get(i)), String.valueOf(due.get(i + 1)),
          (long) Double.parseDouble(String.valueOf(due.get(i + 2))));
      Batch result = batch.apply(tenant, limit - done);
      link.integer(Scripts.DUE, keys.due(), List.of("settle", kind.key, tenant.tenant(),
          tenant.version(), result.earliest()));
      done += result.count();
    }
    return done;
  }

  /** Every tenant that has stored anything. */
  List<String> tenants() {
    return new ArrayList<>(link.call(c -> c.smembers(keys.due() + "tenants")));
  }
}
