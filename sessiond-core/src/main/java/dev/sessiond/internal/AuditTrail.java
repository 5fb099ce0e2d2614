package dev.sessiond.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.AuditStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Writes the audit log: one durable record per write or security event. Callers pass only
 * identifiers (session ids, user ids, key ids, grant ids, names) and short reasons, never a token,
 * key or hash, so nothing secret can reach it.
 */
public final class AuditTrail {
  /** The outcome of an action that was carried out. */
  public static final String SUCCESS = "success";
  /** The outcome of an action that was refused. */
  public static final String DENIED = "denied";
  /** The actor kind of sessiond itself (expiry, sweeps). */
  public static final String SYSTEM = "system";

  private final AuditStore store;
  private final Clock clock;

  public AuditTrail(AuditStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records that {@code context}'s caller did {@code action} in {@code tenantId}.
   *
   * @param tenantId {@code null} for {@link AuditRecord#DEPLOYMENT}
   * @param target {@code null} for none
   * @param detail {@code null} for none
   */
  public void record(CapabilityContext context, String action, String tenantId, String target,
      String outcome, String detail) {
    store.appendAudit(prepare(context, action, tenantId, target, outcome, detail));
  }

  /**
   * The record {@link #record} would append, for a store to append in the same durable write as
   * the change it records.
   */
  public AuditRecord prepare(CapabilityContext context, String action, String tenantId,
      String target, String outcome, String detail) {
    return entry(action, tenantId, context.caller().kind().wireName(), context.caller().id(),
        target, context.ip(), outcome, detail);
  }

  /** Records that sessiond itself did {@code action} (expiry, sweeps, eviction). */
  public void system(String action, String tenantId, String target, String detail) {
    store.appendAudit(entry(action, tenantId, SYSTEM, SYSTEM, target, null, SUCCESS, detail));
  }

  private AuditRecord entry(String action, String tenantId, String actorKind, String actorId,
      String target, String ip, String outcome, String detail) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return new AuditRecord(0, now, tenantId == null ? AuditRecord.DEPLOYMENT : tenantId,
        action, actorKind, actorId, orEmpty(target), orEmpty(ip), outcome, orEmpty(detail));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
