package dev.sessiond.client.internal.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sessiond.client.verify.VerifiedSession;
import java.text.ParseException;
import java.util.List;

/**
 * Checks a sessiond access token's signature (with Nimbus and {@link SigningKeys}), issuer and
 * required claims, and reads its claims. Lifetime and revocation are the caller's to check.
 */
public final class TokenChecker {
  /** Tokens longer than this are rejected before parsing, as the server does. */
  public static final int MAX_TOKEN_LENGTH = 8192;

  private final SigningKeys keys;
  private final String issuer;

  /** @param issuer the required {@code iss}; {@code null} accepts any */
  public TokenChecker(SigningKeys keys, String issuer) {
    this.keys = keys;
    this.issuer = issuer;
  }

  /**
   * The token's claims if it is well-formed, signed by a known key with that key's algorithm,
   * from the right issuer, and has {@code sub sid tid jti iat exp}.
   *
   * @param token anything; never logged
   * @return {@code null} if it does not check out
   * @throws SigningKeys.Unavailable if its key was unknown and the key set could not be fetched
   */
  public VerifiedSession check(String token) throws SigningKeys.Unavailable {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return null;
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      SigningKeys.Key key = keys.find(header.getKeyID());
      if (key == null || !key.algorithms().contains(header.getAlgorithm())
          || !jwt.verify(key.verifier())) {
        return null;
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      if ((issuer != null && !issuer.equals(claims.getIssuer()))
          || claims.getIssueTime() == null || claims.getExpirationTime() == null) {
        return null;
      }
      String subject = claims.getSubject();
      String sessionId = claims.getStringClaim("sid");
      String tenantId = claims.getStringClaim("tid");
      String tokenId = claims.getJWTID();
      if (subject == null || sessionId == null || tenantId == null || tokenId == null) {
        return null;
      }
      List<String> roles = claims.getStringListClaim("roles");
      return new VerifiedSession(sessionId, tenantId, subject, claims.getStringClaim("username"),
          roles, claims.getStringClaim("ctype"), tokenId, claims.getIssueTime().toInstant(),
          claims.getExpirationTime().toInstant());
    } catch (ParseException | JOSEException | RuntimeException e) {
      return null;
    }
  }
}
