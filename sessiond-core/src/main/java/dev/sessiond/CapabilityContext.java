package dev.sessiond;

import dev.sessiond.internal.FieldRules;
import java.util.Objects;

/**
 * The explicit context every capability call takes: who is calling, which tenant the call acts
 * in, and from where.
 *
 * @param caller never {@code null}
 * @param tenantId the tenant the call acts in; {@code null} when the call names none (then the
 *     caller's own tenant is used where one is needed, and calls on a session by id use the
 *     session's tenant)
 * @param ip the caller's address for the audit log; {@code null} when unknown
 */
public record CapabilityContext(Caller caller, String tenantId, String ip) {
  public CapabilityContext {
    Objects.requireNonNull(caller, "caller");
    if (tenantId != null) {
      tenantId = FieldRules.tenantId("tenantId", tenantId);
    }
  }

  /** {@code caller} acting in its own tenant, from an unknown address. */
  public static CapabilityContext of(Caller caller) {
    return new CapabilityContext(caller, caller.tenantId(), null);
  }

  /**
   * {@code caller} acting in {@code tenantId}.
   *
   * @throws SessiondException {@link ErrorCode#INVALID_FIELD} if {@code tenantId} is malformed
   */
  public static CapabilityContext of(Caller caller, String tenantId) {
    return new CapabilityContext(caller, tenantId, null);
  }

  /** This context with the caller's address. */
  public CapabilityContext withIp(String address) {
    return new CapabilityContext(caller, tenantId, address);
  }

  /** This context acting in {@code tenant}. */
  public CapabilityContext inTenant(String tenant) {
    return new CapabilityContext(caller, tenant, ip);
  }
}
