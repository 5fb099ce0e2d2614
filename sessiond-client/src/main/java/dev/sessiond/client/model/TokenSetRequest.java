package dev.sessiond.client.model;

import java.util.Objects;

/**
 * An external issuer's token set to open (or find) the session of. Only {@code accessToken} is
 * required; the others may be {@code null}. {@link #toString()} hides the tokens.
 *
 * @param accessToken a JWT of an issuer the tenant trusts, carrying its session claim
 * @param idToken if given, it must verify against the same issuer and name the same subject
 * @param refreshToken the issuer's refresh token: accepted and ignored by the server, never stored
 * @param tenantId {@code null}: the client's configured tenant (needed only when several tenants
 *     trust the issuer)
 * @param ip the end user's address, recorded if the session is new
 * @param userAgent the end user's User-Agent, recorded if the session is new
 */
public record TokenSetRequest(String accessToken, String idToken, String refreshToken,
    String tenantId, String ip, String userAgent) {
  public TokenSetRequest {
    Objects.requireNonNull(accessToken, "accessToken");
  }

  /** A request with only the access token. */
  public static TokenSetRequest of(String accessToken) {
    return new TokenSetRequest(accessToken, null, null, null, null, null);
  }

  public TokenSetRequest idToken(String value) {
    return new TokenSetRequest(accessToken, value, refreshToken, tenantId, ip, userAgent);
  }

  public TokenSetRequest refreshToken(String value) {
    return new TokenSetRequest(accessToken, idToken, value, tenantId, ip, userAgent);
  }

  public TokenSetRequest tenantId(String value) {
    return new TokenSetRequest(accessToken, idToken, refreshToken, value, ip, userAgent);
  }

  public TokenSetRequest ip(String value) {
    return new TokenSetRequest(accessToken, idToken, refreshToken, tenantId, value, userAgent);
  }

  public TokenSetRequest userAgent(String value) {
    return new TokenSetRequest(accessToken, idToken, refreshToken, tenantId, ip, value);
  }

  @Override
  public String toString() {
    return "TokenSetRequest[accessToken=***, idToken=" + (idToken == null ? "none" : "***")
        + ", refreshToken=" + (refreshToken == null ? "none" : "***") + ", tenantId=" + tenantId
        + ", ip=" + ip + ", userAgent=" + userAgent + "]";
  }
}
