package dev.sessiond.store.redis.internal;

import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log. A global {@code INCR} gives each record its position, and the global indexes
 * (by position and by time, under the tag {@code {audit}}) are written first; the record itself
 * and its tenant's index by position live in the tenant's slot, written by the same script as the
 * write it audits. An index entry whose record was never written (a refused open) is skipped by
 * readers and dropped by the purge.
 */
public final class RedisAuditLog {
  private static final int CHUNK = 500;
  private final RedisBackend backend;

  public RedisAuditLog(RedisBackend backend) {
    this.backend = backend;
  }

  /** Takes the next position for {@code record}; the record is then written with it. */
  long position(AuditRecord record) {
    return backend.link.integer(Scripts.AUDIT_POSITION, backend.keys.audit(),
        List.of(record.tenantId(), Codec.ms(record.at())));
  }

  /** The audit arguments of a script writing in {@code tenant}'s slot: none when {@code null}. */
  List<String> argsFor(AuditRecord record) {
    return record == null ? AuditCodec.NONE : AuditCodec.args(position(record), record);
  }

  public long appendAudit(AuditRecord record) {
    long seq = position(record);
    backend.link.integer(Scripts.AUDIT_WRITE, backend.keys.tenant(record.tenantId()),
        AuditCodec.args(seq, record));
    return seq;
  }

  public List<AuditRecord> audit(AuditQuery query) {
    List<AuditRecord> out = new ArrayList<>();
    long max = query.beforeSeq() == 0 ? Long.MAX_VALUE : query.beforeSeq() - 1;
    while (max > 0) {
      long top = max;
      List<String> members = backend.link.call(c -> c.zrevrangebyscore(index(query.tenantId()),
          Ranges.atMost(top), Ranges.first(CHUNK)));
      for (AuditRecord record : records(query.tenantId(), members)) {
        if (matches(query, record)) {
          out.add(record);
          if (out.size() == query.limit()) {
            return out;
          }
        }
      }
      if (members.size() < CHUNK) {
        break;
      }
      max = seq(members.get(members.size() - 1)) - 1;
    }
    return out;
  }

  public int purgeAuditBefore(Instant cutoff, int limit) {
    String base = backend.keys.audit();
    int deleted = 0;
    while (deleted < limit) {
      int want = limit - deleted;
      List<String> members = backend.link.call(c -> c.zrangebyscore(base + "at",
          Ranges.below(cutoff.toEpochMilli()), Ranges.first(want)));
      if (members.isEmpty()) {
        break;
      }
      for (String member : members) {
        int colon = member.indexOf(':');
        deleted += (int) backend.link.integer(Scripts.AUDIT_DROP,
            backend.keys.tenant(member.substring(colon + 1)), List.of(member.substring(0, colon)));
        backend.link.call(c -> c.zrem(base + "ix", member) + c.zrem(base + "at", member));
      }
    }
    return deleted;
  }

  private String index(String tenant) {
    return tenant == null ? backend.keys.audit() + "ix" : backend.keys.tenant(tenant) + "ix:audit";
  }

  /** Members are {@code seq:tenant} globally, {@code seq} in a tenant's index. */
  private static long seq(String member) {
    int colon = member.indexOf(':');
    return Long.parseLong(colon < 0 ? member : member.substring(0, colon));
  }

  /** The records the members name, in their order, missing ones left out. */
  private List<AuditRecord> records(String tenant, List<String> members) {
    Map<String, List<Long>> byTenant = new LinkedHashMap<>();
    for (String member : members) {
      int colon = member.indexOf(':');
      String owner = tenant != null ? tenant : member.substring(colon + 1);
      byTenant.computeIfAbsent(owner, t -> new ArrayList<>()).add(seq(member));
    }
    Map<Long, AuditRecord> found = new HashMap<>();
    byTenant.forEach((owner, seqs) -> {
      List<String> names = seqs.stream().map(s -> "a:" + s).toList();
      List<Map<String, String>> hashes = backend.fetch(backend.keys.tenant(owner), names);
      for (int i = 0; i < seqs.size(); i++) {
        AuditRecord record = AuditCodec.record(seqs.get(i), hashes.get(i));
        if (record != null && record.tenantId().equals(owner)) {
          found.put(seqs.get(i), record);
        }
      }
    });
    List<AuditRecord> out = new ArrayList<>();
    for (String member : members) {
      AuditRecord record = found.get(seq(member));
      if (record != null) {
        out.add(record);
      }
    }
    return out;
  }

  private static boolean matches(AuditQuery q, AuditRecord r) {
    return (q.from() == null || !r.at().isBefore(q.from()))
        && (q.to() == null || r.at().isBefore(q.to()))
        && (q.actorId() == null || r.actorId().equals(q.actorId()))
        && (q.target() == null || r.target().equals(q.target()));
  }
}
