package dev.sessiond.store.redis.internal;

import dev.sessiond.SessionLimit;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SessionLimitStore.Outcome;
import dev.sessiond.store.SessionRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every way a session is stored: alone, with its first refresh token, under a per-user limit, with
 * an audit record. The pointers (session id, token hash) are claimed first; then one script in
 * the tenant's slot checks for clashes, counts and evicts under the limit, and writes the session,
 * its indexes, its token and its audit record, all or nothing.
 */
public final class RedisOpens {
  private final RedisBackend backend;
  private final RedisAuditLog audit;

  public RedisOpens(RedisBackend backend, RedisAuditLog audit) {
    this.backend = backend;
    this.audit = audit;
  }

  /**
   * Stores {@code session}, with {@code first} and {@code record} if not {@code null}, under
   * {@code limit} if not {@code null}.
   *
   * @throws IllegalStateException if the session id or the token hash is taken
   */
  public Outcome open(SessionRecord session, RefreshToken first, SessionLimit limit,
      Ending eviction, AuditRecord record) {
    if (first != null && (!first.sessionId().equals(session.id()) || !first.isCurrent())) {
      throw new IllegalArgumentException("the first token must be current and name the session");
    }
    Map<DueWork.Kind, Long> adds = new EnumMap<>(DueWork.Kind.class);
    if (session.status() == SessionStatus.ACTIVE) {
      adds.put(DueWork.Kind.EXPIRY, session.expiresAt().toEpochMilli());
    }
    if (session.ending() != null) {
      adds.put(DueWork.Kind.ENDING, session.ending().at().toEpochMilli());
    }
    if (limit != null) {
      adds.merge(DueWork.Kind.ENDING, eviction.at().toEpochMilli(), Math::min);
    }
    return backend.due.write(session.tenantId(), adds,
        () -> store(session, first, limit, eviction, record));
  }

  private Outcome store(SessionRecord session, RefreshToken first, SessionLimit limit,
      Ending eviction, AuditRecord record) {
    String tenant = session.tenantId();
    backend.claim(backend.keys.sessionPointer(session.id()), tenant, "s:" + session.id());
    if (first != null) {
      backend.claim(backend.keys.tokenPointer(first.hash()), tenant, "r:" + first.hash());
    }
    boolean sameSlot = record == null || record.tenantId().equals(tenant);
    List<String> args = new ArrayList<>();
    if (limit == null) {
      args.addAll(List.of("0", "", "0", "", "", ""));
    } else {
      args.addAll(List.of(Integer.toString(limit.maxSessions()),
          limit.policy() == SessionLimit.Policy.DENY_NEW ? "deny" : "evict",
          limit.perClientType() ? "1" : "0", Codec.ms(eviction.at()), eviction.reason(),
          eviction.actor()));
    }
    args.add(first == null ? "" : first.hash());
    args.add(first == null ? "" : Codec.ms(first.issuedAt()));
    args.addAll(sameSlot ? audit.argsFor(record) : AuditCodec.NONE);
    args.addAll(SessionCodec.fields(session));
    args.addAll(List.of("op", Codec.nonce()));
    List<Object> result = backend.events.list(Scripts.OPEN, backend.keys.tenant(tenant), args);
    String verdict = String.valueOf(result.get(0));
    if (verdict.equals("clash")) {
      throw new IllegalStateException("a session with this id or a token with this hash exists");
    }
    if (verdict.equals("denied")) {
      return new Outcome(false, List.of());
    }
    if (verdict.equals("replay")) {
      // Stored by an earlier run of this very call, whose answer a dropped connection lost.
      if (!sameSlot) {
        audit.appendAudit(record);
      }
      return new Outcome(true, List.of());
    }
    if (!sameSlot) {
      audit.appendAudit(record);
    }
    List<String> evicted = new ArrayList<>();
    for (Object id : result.subList(1, result.size())) {
      evicted.add(String.valueOf(id));
    }
    return new Outcome(true, evicted);
  }
}
