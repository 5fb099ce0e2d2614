package dev.sessiond.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Refresh-token families and signing keys in the heap, for {@link InMemorySessionStore}. */
final class InMemoryTokenKeeping {
  private final ConcurrentHashMap<String, RefreshToken> tokensByHash = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> headBySession = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SigningKeyRecord> keys = new ConcurrentHashMap<>();

  public synchronized void insertRefreshToken(RefreshToken token) {
    if (headBySession.containsKey(token.sessionId())) {
      throw new IllegalStateException("the session already has a current refresh token");
    }
    if (tokensByHash.putIfAbsent(token.hash(), token) != null) {
      throw new IllegalStateException("a refresh token with this hash exists");
    }
    headBySession.put(token.sessionId(), token.hash());
  }

  public Optional<RefreshToken> findRefreshToken(String hash) {
    return Optional.ofNullable(tokensByHash.get(hash));
  }

  public Optional<RefreshToken> currentRefreshToken(String sessionId) {
    String head = headBySession.get(sessionId);
    return head == null ? Optional.empty() : Optional.ofNullable(tokensByHash.get(head));
  }

  public synchronized boolean rotateRefreshToken(String presentedHash, RefreshToken next, Instant now) {
    RefreshToken presented = tokensByHash.get(presentedHash);
    if (presented == null || !presented.isCurrent() || tokensByHash.containsKey(next.hash())
        || !next.sessionId().equals(presented.sessionId())) {
      return false;
    }
    tokensByHash.put(presentedHash, new RefreshToken(presented.hash(), presented.sessionId(),
        presented.issuedAt(), now));
    tokensByHash.put(next.hash(), next);
    headBySession.put(next.sessionId(), next.hash());
    return true;
  }

  /** Forgets every refresh token of the session. */
  synchronized void deleteFamily(String sessionId) {
    tokensByHash.values().removeIf(t -> t.sessionId().equals(sessionId));
    headBySession.remove(sessionId);
  }

  public synchronized void rotateSigningKey(SigningKeyRecord next, Instant now) {
    if (keys.containsKey(next.kid())) {
      throw new IllegalStateException("a signing key with this kid exists");
    }
    keys.replaceAll((kid, key) -> key.algorithm().equals(next.algorithm()) && key.retiredAt() == null
        ? key.retiredAt(now) : key);
    keys.put(next.kid(), next);
  }

  public List<SigningKeyRecord> signingKeys() {
    List<SigningKeyRecord> all = new ArrayList<>(keys.values());
    all.sort(Comparator.comparing(SigningKeyRecord::createdAt).thenComparing(SigningKeyRecord::kid));
    return all;
  }

  public synchronized int deleteSigningKeysRetiredBefore(Instant cutoff) {
    int before = keys.size();
    keys.values().removeIf(k -> k.retiredAt() != null && k.retiredAt().isBefore(cutoff));
    return before - keys.size();
  }
}
