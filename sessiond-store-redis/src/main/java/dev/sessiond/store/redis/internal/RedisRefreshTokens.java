package dev.sessiond.store.redis.internal;

import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SessionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refresh-token families. A token's hash lives in its session's tenant slot ({@code r:<hash>}),
 * with the family head ({@code head:<session>}) and the family set ({@code fam:<session>}); a
 * global pointer from the hash to the tenant finds it. Rotation is one script: a compare-and-set
 * on the head.
 */
public final class RedisRefreshTokens {
  private final RedisBackend backend;
  private final RedisOpens opens;
  private final RedisAuditLog audit;

  public RedisRefreshTokens(RedisBackend backend, RedisOpens opens, RedisAuditLog audit) {
    this.backend = backend;
    this.opens = opens;
    this.audit = audit;
  }

  public void insertWithRefreshToken(SessionRecord session, RefreshToken first,
      AuditRecord record) {
    opens.open(session, first, null, null, record);
  }

  public void insertRefreshToken(RefreshToken token) {
    if (!token.isCurrent()) {
      throw new IllegalArgumentException("a family's first token is current");
    }
    String tenant = backend.tenantOf(backend.keys.sessionPointer(token.sessionId()));
    if (tenant == null) {
      throw new IllegalStateException("no such session");
    }
    backend.claim(backend.keys.tokenPointer(token.hash()), tenant, "r:" + token.hash());
    String verdict = backend.link.text(Scripts.TOKEN, backend.keys.tenant(tenant),
        List.of(token.hash(), token.sessionId(), Codec.ms(token.issuedAt())));
    if (!"ok".equals(verdict)) {
      throw new IllegalStateException(switch (verdict) {
        case "nosession" -> "no such session";
        case "head" -> "the session already has a current token";
        default -> "a token with this hash exists";
      });
    }
  }

  public Optional<RefreshToken> findRefreshToken(String hash) {
    String tenant = backend.tenantOf(backend.keys.tokenPointer(hash));
    if (tenant == null) {
      return Optional.empty();
    }
    return token(tenant, hash);
  }

  public Optional<RefreshToken> currentRefreshToken(String sessionId) {
    String tenant = backend.tenantOf(backend.keys.sessionPointer(sessionId));
    if (tenant == null) {
      return Optional.empty();
    }
    String head = backend.link.call(c -> c.get(backend.keys.tenant(tenant) + "head:" + sessionId));
    return head == null ? Optional.empty() : token(tenant, head);
  }

  private Optional<RefreshToken> token(String tenant, String hash) {
    Map<String, String> f = backend.fetch(backend.keys.tenant(tenant), "r:" + hash);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RefreshToken(hash, f.get("sid"), Codec.instant(f.get("iss")),
        Codec.instant(f.get("rot"))));
  }

  public boolean rotateRefreshToken(String presentedHash, RefreshToken next, Instant now,
      AuditRecord record) {
    if (!next.isCurrent()) {
      throw new IllegalArgumentException("the next token must not be rotated");
    }
    String tenant = backend.tenantOf(backend.keys.tokenPointer(presentedHash));
    if (tenant == null) {
      return false;
    }
    try {
      backend.claim(backend.keys.tokenPointer(next.hash()), tenant, "r:" + next.hash());
    } catch (IllegalStateException taken) {
      return false;
    }
    boolean sameSlot = record == null || record.tenantId().equals(tenant);
    List<String> args = new ArrayList<>(List.of(presentedHash, next.hash(), next.sessionId(),
        Codec.ms(next.issuedAt()), Codec.ms(now)));
    args.addAll(sameSlot ? audit.argsFor(record) : AuditCodec.NONE);
    boolean rotated =
        backend.events.integer(Scripts.ROTATE, backend.keys.tenant(tenant), args) == 1;
    if (rotated && !sameSlot) {
      audit.appendAudit(record);
    }
    return rotated;
  }
}
