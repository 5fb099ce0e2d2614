package dev.sessiond.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.GrantStatus;
import dev.sessiond.SupportGrant;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SupportGrantRecord;
import dev.sessiond.store.SupportGrantStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Creates, lists, revokes and expires support grants. Ending a grant, by revocation or by expiry,
 * revokes every session opened under it, durably and enforced, and is audited. Tenant walls are
 * the caller's business ({@link Walls}); every method here acts in the tenant it is given.
 */
public final class GrantKeeper {
  /** The reason recorded on sessions revoked because their grant was revoked. */
  public static final String REVOKED_REASON = "support_grant_revoked";
  /** The reason recorded on sessions revoked because their grant expired. */
  public static final String EXPIRED_REASON = "support_grant_expired";
  /** The most grants a listing returns. */
  public static final int MAX_LISTED = 100;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_NOTE = 512;

  private final SupportGrantStore store;
  private final AuditTrail audit;
  private final Clock clock;
  private final Duration maxDuration;
  private final int batch;
  private final BiPredicate<String, Ending> revokeSession;

  /**
   * @param revokeSession revokes one session durably and enforces it; answers whether it did
   */
  public GrantKeeper(SupportGrantStore store, AuditTrail audit, Clock clock, Duration maxDuration,
      int batch, BiPredicate<String, Ending> revokeSession) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.maxDuration = maxDuration;
    this.batch = batch;
    this.revokeSession = revokeSession;
  }

  /** Grants global admins access to {@code tenantId} until {@code expiresAt}. */
  public SupportGrant create(CapabilityContext context, String tenantId, Instant expiresAt,
      String note) {
    Instant now = now();
    if (expiresAt == null) {
      throw FieldRules.missing("expiresAt");
    }
    if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(maxDuration))) {
      throw FieldRules.invalid("expiresAt",
          "must be in the future and at most " + describe(maxDuration) + " from now");
    }
    String text = FieldRules.optionalText("note", note, MAX_NOTE);
    SupportGrantRecord grant = new SupportGrantRecord(newId(), tenantId, text, now,
        context.caller().actor(), expiresAt.truncatedTo(ChronoUnit.MILLIS), GrantStatus.ACTIVE,
        null, null);
    store.insertGrant(grant);
    audit.record(context, "grant.created", tenantId, grant.id(), AuditTrail.SUCCESS,
        "expires_at=" + grant.expiresAt());
    return view(grant, now);
  }

  /** The tenant's grants, newest first. */
  public List<SupportGrant> list(String tenantId) {
    Instant now = now();
    return store.grants(tenantId, MAX_LISTED).stream().map(g -> view(g, now)).toList();
  }

  /**
   * Grant {@code id} of {@code tenantId}.
   *
   * @return empty if the tenant has none with that id (or {@code id} is malformed)
   */
  public Optional<SupportGrant> find(String tenantId, String id) {
    if (!isGrantId(id)) {
      return Optional.empty();
    }
    Instant now = now();
    return store.findGrant(tenantId, id).map(g -> view(g, now));
  }

  /**
   * Revokes grant {@code id} of {@code tenantId} and every session opened under it.
   *
   * @return the grant after the call; empty if the tenant has no such grant
   */
  public Optional<SupportGrant> revoke(CapabilityContext context, String tenantId, String id) {
    if (!isGrantId(id)) {
      return Optional.empty();
    }
    Optional<SupportGrantRecord> found = store.findGrant(tenantId, id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Instant now = now();
    String actor = context.caller().actor();
    if (found.get().isActiveAt(now) && store.endGrant(id, GrantStatus.REVOKED, now, actor)) {
      int ended = endSessions(id, new Ending(now, REVOKED_REASON, actor));
      audit.record(context, "grant.revoked", tenantId, id, AuditTrail.SUCCESS,
          "sessions_revoked=" + ended);
    }
    return store.findGrant(tenantId, id).map(g -> view(g, now()));
  }

  /**
   * Marks every grant past its expiry as expired and revokes the sessions opened under it, in
   * batches until none are left.
   *
   * @return how many grants expired
   */
  public int expireDue() {
    int total = 0;
    for (int n = batch; n == batch; ) {
      List<SupportGrantRecord> due = store.grantsDueToExpire(now(), batch);
      n = due.size();
      for (SupportGrantRecord grant : due) {
        Instant now = now();
        // Recorded as ended when it expired, not when the sweep noticed.
        if (store.endGrant(grant.id(), GrantStatus.EXPIRED, grant.expiresAt(), Ending.SYSTEM)) {
          int ended = endSessions(grant.id(), new Ending(now, EXPIRED_REASON, Ending.SYSTEM));
          audit.system("grant.expired", grant.tenantId(), grant.id(), "sessions_revoked=" + ended);
          total++;
        }
      }
    }
    return total;
  }

  /**
   * Revokes the sessions under a grant. A session stored as active but already past its expiry
   * cannot be revoked and keeps being found, so the loop ends when a batch brings nothing new.
   */
  private int endSessions(String grantId, Ending ending) {
    Set<String> seen = new HashSet<>();
    int revoked = 0;
    boolean fresh = true;
    while (fresh) {
      List<String> ids = store.activeSessionsUnderGrant(grantId, batch);
      fresh = false;
      for (String id : ids) {
        if (seen.add(id)) {
          revoked += revokeSession.test(id, ending) ? 1 : 0;
          fresh = true;
        }
      }
      fresh &= ids.size() == batch;
    }
    return revoked;
  }

  /** The caller's view: a grant past its expiry shows as expired then, even before a sweep. */
  private static SupportGrant view(SupportGrantRecord g, Instant now) {
    GrantStatus status = g.statusAt(now);
    boolean lapsedUnswept = status == GrantStatus.EXPIRED && g.status() == GrantStatus.ACTIVE;
    return new SupportGrant(g.id(), g.tenantId(), g.note(), g.createdAt(), g.createdBy(),
        g.expiresAt(), status, lapsedUnswept ? g.expiresAt() : g.endedAt(),
        lapsedUnswept ? Ending.SYSTEM : g.endedBy());
  }

  private static String describe(Duration duration) {
    return duration.toHours() % 24 == 0 ? duration.toDays() + " days" : duration.toMinutes()
        + " minutes";
  }

  private static boolean isGrantId(String id) {
    return id != null && id.matches("[0-9a-f]{32}");
  }

  private static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
