package dev.sessiond;

import dev.sessiond.internal.FieldRules;

/**
 * What the caller knows about the request a token came with. Used when a token of an external
 * issuer is seen for the first time, to record its session; and, when it names a tenant, as a
 * wall: another tenant's token does not verify in it.
 *
 * @param tenantId the tenant the caller acts in, or {@code null} if not known
 * @param ip the client's IP, or {@code null}
 * @param userAgent the client's User-Agent, or {@code null}
 */
public record VerifyContext(String tenantId, String ip, String userAgent) {
  /** Nothing known. */
  public static final VerifyContext NONE = new VerifyContext(null, null, null);

  /**
   * A context from caller-supplied values, checked by the same rules as when opening a session.
   * {@code null} or empty values are unknown.
   *
   * @throws SessiondException {@link ErrorCode#INVALID_FIELD} naming the field (never echoing its
   *     value)
   */
  public static VerifyContext of(String tenantId, String ip, String userAgent) {
    String tenant = tenantId == null || tenantId.isEmpty()
        ? null : FieldRules.tenantId("tenantId", tenantId);
    String address = FieldRules.ip("ip", ip);
    String agent = FieldRules.optionalText("userAgent", userAgent, 1024);
    if (tenant == null && address.isEmpty() && agent.isEmpty()) {
      return NONE;
    }
    return new VerifyContext(tenant, address.isEmpty() ? null : address,
        agent.isEmpty() ? null : agent);
  }
}
