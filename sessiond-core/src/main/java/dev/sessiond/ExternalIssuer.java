package dev.sessiond;

import java.net.URI;
import java.util.Objects;

/**
 * Another issuer whose JWTs a tenant accepts as sessions. Its tokens verify through the same API
 * as sessiond's own; the session is named by a claim ({@code jti} by default, {@code sid} is
 * common), and the first time a valid token of a session is seen, sessiond records the session, so
 * it can be listed, revoked and blacklisted like any other.
 *
 * @param tenantId the tenant that trusts the issuer; never {@code null}
 * @param issuer the exact {@code iss}; never {@code null}
 * @param audience the {@code aud} tokens must carry, or {@code null} to not check it
 * @param jwks where the issuer's public keys are: an {@code https:} or {@code http:} URL (fetched,
 *     cached, re-fetched on an unknown {@code kid}, rate-limited) or a {@code file:} URI; never
 *     {@code null}
 * @param sessionClaim the claim that names the session; never {@code null}
 * @param usernameClaim the claim that holds the username; never {@code null} (absent claim: empty)
 */
public record ExternalIssuer(
    String tenantId, String issuer, String audience, URI jwks, String sessionClaim,
    String usernameClaim) {

  /** The session claim used when none is configured. */
  public static final String DEFAULT_SESSION_CLAIM = "jti";
  /** The username claim used when none is configured. */
  public static final String DEFAULT_USERNAME_CLAIM = "preferred_username";

  public ExternalIssuer {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(jwks, "jwks");
    Objects.requireNonNull(sessionClaim, "sessionClaim");
    Objects.requireNonNull(usernameClaim, "usernameClaim");
    String scheme = jwks.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme) && !"file".equals(scheme)) {
      throw new IllegalArgumentException("jwks must be an https:, http: or file: URI");
    }
  }

  /** An issuer with no audience check, sessions named by {@code jti}, usernames from {@code preferred_username}. */
  public static ExternalIssuer of(String tenantId, String issuer, URI jwks) {
    return new ExternalIssuer(tenantId, issuer, null, jwks, DEFAULT_SESSION_CLAIM,
        DEFAULT_USERNAME_CLAIM);
  }

  /** This issuer with an audience check. */
  public ExternalIssuer withAudience(String value) {
    return new ExternalIssuer(tenantId, issuer, value, jwks, sessionClaim, usernameClaim);
  }

  /** This issuer with sessions named by another claim. */
  public ExternalIssuer withSessionClaim(String value) {
    return new ExternalIssuer(tenantId, issuer, audience, jwks, value, usernameClaim);
  }

  /** This issuer with usernames from another claim. */
  public ExternalIssuer withUsernameClaim(String value) {
    return new ExternalIssuer(tenantId, issuer, audience, jwks, sessionClaim, value);
  }
}
