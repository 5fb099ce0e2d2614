package dev.sessiond.client.internal.verify;

import dev.sessiond.client.verify.VerifiedSession;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tokens whose signature checked out, with their claims, so a token seen before costs one map
 * lookup. Bounded: when full, an insert first drops expired entries, then arbitrary ones until a
 * tenth of the room is free (not LRU, but reads take no lock). Callers check {@code exp}
 * themselves on every hit. Thread-safe.
 */
public final class TokenCache {
  private final int maxEntries;
  private final Map<String, VerifiedSession> entries = new ConcurrentHashMap<>();
  private final ReentrantLock evicting = new ReentrantLock();

  /** @param maxEntries at most this many tokens are kept; 0 keeps none */
  public TokenCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** The claims of {@code token} if cached; {@code null} otherwise. */
  public VerifiedSession get(String token) {
    return entries.get(token);
  }

  /** Remembers {@code token}'s claims, making room first if full (by {@code now}). */
  public void put(String token, VerifiedSession session, Instant now) {
    if (maxEntries == 0) {
      return;
    }
    if (entries.size() >= maxEntries && evicting.tryLock()) {
      try {
        entries.values().removeIf(s -> !s.expiresAt().isAfter(now));
        int target = maxEntries - Math.max(1, maxEntries / 10);
        Iterator<String> keys = entries.keySet().iterator();
        while (entries.size() > target && keys.hasNext()) {
          keys.next();
          keys.remove();
        }
      } finally {
        evicting.unlock();
      }
    }
    entries.put(token, session);
  }

  /** Forgets every token. */
  public void clear() {
    entries.clear();
  }

  /** How many tokens are cached. */
  public int size() {
    return entries.size();
  }
}
