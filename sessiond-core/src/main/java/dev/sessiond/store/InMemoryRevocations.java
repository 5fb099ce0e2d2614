package dev.sessiond.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Blacklist entries and watermarks in the heap, for {@link InMemorySessionStore}. */
final class InMemoryRevocations {
  private final ConcurrentHashMap<List<String>, BlacklistEntry> blacklist = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<List<String>, Watermark> watermarks = new ConcurrentHashMap<>();

  void blacklist(BlacklistEntry entry) {
    blacklist.merge(List.of(entry.tenantId(), entry.name()), entry,
        (old, now) -> now.expiresAt().isAfter(old.expiresAt()) ? now : old);
  }

  Optional<BlacklistEntry> find(String tenantId, String name, Instant now) {
    return Optional.ofNullable(blacklist.get(List.of(tenantId, name))).filter(e -> e.isActiveAt(now));
  }

  List<BlacklistEntry> active(Instant now) {
    return blacklist.values().stream().filter(e -> e.isActiveAt(now)).collect(Collectors.toList());
  }

  int purge(Instant now, int limit) {
    int purged = 0;
    for (BlacklistEntry entry : new ArrayList<>(blacklist.values())) {
      if (purged < limit && !entry.isActiveAt(now)
          && blacklist.remove(List.of(entry.tenantId(), entry.name()), entry)) {
        purged++;
      }
    }
    return purged;
  }

  /** Raises the mark; returns whether it was raised (no later or equal mark existed). */
  boolean raise(Watermark mark) {
    List<String> key = List.of(mark.tenantId(), mark.userId() == null ? "" : mark.userId());
    return watermarks.merge(key, mark,
        (old, now) -> now.notBefore().isAfter(old.notBefore()) ? now : old) == mark;
  }

  List<Watermark> watermarks() {
    return new ArrayList<>(watermarks.values());
  }
}
