package dev.sessiond.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.Caller;
import dev.sessiond.ErrorCode;
import dev.sessiond.Method;
import dev.sessiond.SessiondException;
import dev.sessiond.store.SupportGrantRecord;
import dev.sessiond.store.SupportGrantStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a caller may do where. API keys and services may call the methods they declare, in
 * their one tenant or in every tenant. Org admins may govern sessions of their own tenant. Global
 * admins may govern a tenant's sessions, and open their own sessions in it, only while the tenant
 * has an active support grant. Plain users may call none of the methods (self-service is separate).
 * Every refusal that reaches the caller as an error is audited; a target outside the walls is not
 * an error but an absence (see {@link #covers}).
 */
public final class Walls {
  /** What an org admin may call, in its own tenant. */
  public static final Set<Method> ORG_ADMIN_METHODS = Set.copyOf(EnumSet.of(
      Method.SESSIONS_GET, Method.SESSIONS_SEARCH, Method.SESSIONS_BATCH_GET,
      Method.SESSIONS_REVOKE, Method.SESSIONS_REVOKE_ALL, Method.BLACKLIST_READ,
      Method.BLACKLIST_WRITE, Method.GRANTS_MANAGE, Method.AUDIT_READ, Method.EVENTS_READ));
  /** What a global admin may call, in a tenant with an active support grant. */
  public static final Set<Method> GLOBAL_ADMIN_METHODS = Set.copyOf(EnumSet.of(
      Method.SESSIONS_CREATE, Method.SESSIONS_GET, Method.SESSIONS_SEARCH,
      Method.SESSIONS_BATCH_GET, Method.SESSIONS_REVOKE, Method.SESSIONS_REVOKE_ALL,
      Method.BLACKLIST_READ, Method.BLACKLIST_WRITE, Method.AUDIT_READ));

  private static final String DENIED = "access.denied";

  private final SupportGrantStore grants;
  private final AuditTrail audit;
  private final Clock clock;

  public Walls(SupportGrantStore grants, AuditTrail audit, Clock clock) {
    this.grants = grants;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Refuses, with {@link ErrorCode#METHOD_NOT_PERMITTED}, a caller that may not call {@code
   * method} in any tenant.
   */
  public void requireMethod(CapabilityContext context, Method method) {
    if (!mayEverCall(context.caller(), method)) {
      throw deny(context, method, context.tenantId() != null ? context.tenantId()
          : context.caller().tenantId(), ErrorCode.METHOD_NOT_PERMITTED,
          method.wireName() + " is not among this caller's methods");
    }
  }

  /**
   * The tenant a call acts in, checked: {@code named} (by the request) if not {@code null}, else
   * the context's, else the caller's own.
   *
   * @throws SessiondException {@link ErrorCode#METHOD_NOT_PERMITTED}, {@link
   *     ErrorCode#TENANT_NOT_PERMITTED}, {@link ErrorCode#MISSING_FIELD} if no tenant is known
   */
  public String requireTenant(CapabilityContext context, Method method, String named) {
    requireMethod(context, method);
    String tenant = named != null ? FieldRules.tenantId("tenantId", named) : context.tenantId();
    if (tenant == null) {
      tenant = context.caller().tenantId();
    }
    if (tenant == null) {
      throw FieldRules.missing("tenantId");
    }
    if (!covers(context.caller(), method, tenant)) {
      throw deny(context, method, tenant, ErrorCode.TENANT_NOT_PERMITTED,
          "this caller may not call " + method.wireName() + " in this tenant");
    }
    return tenant;
  }

  /**
   * Refuses a caller that may act only in some tenants: for deployment-wide methods (signing keys).
   */
  public void requireEveryTenant(CapabilityContext context, Method method) {
    requireMethod(context, method);
    if (!context.caller().allTenants() || context.caller().sessionId() != null) {
      throw deny(context, method, context.caller().tenantId(), ErrorCode.TENANT_NOT_PERMITTED,
          method.wireName() + " acts on every tenant; this caller is limited to some");
    }
  }

  /**
   * Whether {@code context}'s caller may call {@code method} on something in {@code tenantId}:
   * inside its walls and, when the context names a tenant, in that tenant. A target it may not see
   * is answered as a missing one, so this never throws or audits.
   */
  public boolean sees(CapabilityContext context, Method method, String tenantId) {
    return (context.tenantId() == null || context.tenantId().equals(tenantId))
        && covers(context.caller(), method, tenantId);
  }

  /** Whether {@code caller} may call {@code method} on something in {@code tenantId}, now. */
  public boolean covers(Caller caller, Method method, String tenantId) {
    if (caller.sessionId() == null) {
      return caller.methods().contains(method)
          && (caller.allTenants() || caller.tenantId().equals(tenantId));
    }
    if (caller.isOrgAdmin() && ORG_ADMIN_METHODS.contains(method)
        && caller.tenantId().equals(tenantId)) {
      return true;
    }
    return caller.isGlobalAdmin() && GLOBAL_ADMIN_METHODS.contains(method)
        && activeGrant(tenantId).isPresent();
  }

  /**
   * The support grant under which global admins may act on {@code tenantId} now: of those in
   * force, the one that lasts longest.
   *
   * @return empty if there is none
   */
  public Optional<SupportGrantRecord> activeGrant(String tenantId) {
    List<SupportGrantRecord> active = grants.activeGrants(tenantId, now());
    return active.isEmpty() ? Optional.empty() : Optional.of(active.get(0));
  }

  private static boolean mayEverCall(Caller caller, Method method) {
    if (caller.sessionId() == null) {
      return caller.methods().contains(method);
    }
    return (caller.isOrgAdmin() && ORG_ADMIN_METHODS.contains(method))
        || (caller.isGlobalAdmin() && GLOBAL_ADMIN_METHODS.contains(method));
  }

  /**
   * The refusal, audited in the caller's own tenant (or deployment-wide for callers of every
   * tenant): never in the tenant it tried to reach, whose auditors must learn nothing of callers
   * outside their walls.
   */
  private SessiondException deny(CapabilityContext context, Method method, String tenantId,
      ErrorCode code, String detail) {
    String home = context.caller().tenantId();
    String attempted = tenantId == null || tenantId.equals(home) ? "" : " tenant=" + tenantId;
    audit.record(context, DENIED, home, method.wireName(),
        AuditTrail.DENIED, code.code() + attempted);
    return new SessiondException(code, detail);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
