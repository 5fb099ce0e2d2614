package dev.sessiond.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The audit log in the heap, for {@link InMemorySessionStore}: records by {@code seq}, which an
 * {@link AtomicLong} hands out, so concurrent appends get distinct, growing positions. Queries and
 * purges scan the log. Every method is safe to call from many threads.
 */
final class InMemoryAuditLog {
  private static final Comparator<AuditRecord> OLDEST_FIRST =
      Comparator.comparing(AuditRecord::at).thenComparingLong(AuditRecord::seq);

  private final AtomicLong lastSeq = new AtomicLong();
  private final ConcurrentSkipListMap<Long, AuditRecord> records = new ConcurrentSkipListMap<>();

  long append(AuditRecord record) {
    long seq = lastSeq.incrementAndGet();
    records.put(seq, record.withSeq(seq));
    return seq;
  }

  List<AuditRecord> query(AuditQuery query) {
    NavigableMap<Long, AuditRecord> newestFirst = query.beforeSeq() == 0
        ? records.descendingMap()
        : records.headMap(query.beforeSeq(), false).descendingMap();
    return newestFirst.values().stream().filter(r -> matches(query, r)).limit(query.limit())
        .collect(Collectors.toList());
  }

  int purgeBefore(Instant cutoff, int limit) {
    List<AuditRecord> due = records.values().stream().filter(r -> r.at().isBefore(cutoff))
        .sorted(OLDEST_FIRST).limit(limit).collect(Collectors.toList());
    int purged = 0;
    for (AuditRecord record : due) {
      if (records.remove(record.seq(), record)) {
        purged++;
      }
    }
    return purged;
  }

  private static boolean matches(AuditQuery query, AuditRecord record) {
    return (query.tenantId() == null || record.tenantId().equals(query.tenantId()))
        && (query.from() == null || !record.at().isBefore(query.from()))
        && (query.to() == null || record.at().isBefore(query.to()))
        && (query.actorId() == null || record.actorId().equals(query.actorId()))
        && (query.target() == null || record.target().equals(query.target()));
  }
}
