package dev.sessiond.store.redis.internal;

import dev.sessiond.store.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An audit record as the fields of its hash, and as the audit arguments of a script. */
final class AuditCodec {
  /** The script arguments for "no audit record". */
  static final List<String> NONE = List.of("", "0");

  private AuditCodec() {}

  /** {@code seq}, the field count, then the fields. */
  static List<String> args(long seq, AuditRecord r) {
    List<String> fields = List.of("at", Codec.ms(r.at()), "t", r.tenantId(), "act", r.action(),
        "ak", r.actorKind(), "aid", r.actorId(), "tg", r.target(), "ip", r.ip(),
        "out", r.outcome(), "det", r.detail());
    List<String> args = new ArrayList<>();
    args.add(Long.toString(seq));
    args.add(Integer.toString(fields.size()));
    args.addAll(fields);
    return args;
  }

  /** The record, or {@code null} for an empty (missing) hash. */
  static AuditRecord record(long seq, Map<String, String> f) {
    if (f.isEmpty()) {
      return null;
    }
    return new AuditRecord(seq, Codec.instant(f.get("at")), f.get("t"), f.get("act"),
        f.get("ak"), f.get("aid"), f.get("tg"), f.get("ip"), f.get("out"), f.get("det"));
  }
}
