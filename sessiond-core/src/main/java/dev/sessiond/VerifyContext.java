package dev.sessiond;

/**
 * What the caller knows about the request a token came with. Used when a token of an external
 * issuer is seen for the first time, to record its session; and to pick the tenant when several
 * tenants trust the same issuer.
 *
 * @param tenantId the tenant the caller acts in, or {@code null} if not known
 * @param ip the client's IP, or {@code null}
 * @param userAgent the client's User-Agent, or {@code null}
 */
public record VerifyContext(String tenantId, String ip, String userAgent) {
  /** Nothing known. */
  public static final VerifyContext NONE = new VerifyContext(null, null, null);
}
