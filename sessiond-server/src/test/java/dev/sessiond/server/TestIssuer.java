package dev.sessiond.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sessiond.ExternalIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Another OAuth issuer, for tests: an ES256 key made here, its public JWKS written to a file, and
 * tokens it signs. Tokens carry {@code iss sub aud jti sid preferred_username iat exp}, issued now
 * (by the clock given) and valid for an hour.
 */
public final class TestIssuer {
  private final String issuer;
  private final ECKey key;
  private final Path jwks;

  private TestIssuer(String issuer, ECKey key, Path jwks) {
    this.issuer = issuer;
    this.key = key;
    this.jwks = jwks;
  }

  /** An issuer named {@code issuer} whose JWKS is written to {@code jwksFile}. */
  public static TestIssuer create(String issuer, Path jwksFile) {
    try {
      ECKey key = new ECKeyGenerator(Curve.P_256).keyID("test-idp-1").generate();
      Files.writeString(jwksFile, new JWKSet(key.toPublicJWK()).toString());
      return new TestIssuer(issuer, key, jwksFile);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An issuer whose JWKS is in a temporary file deleted when the JVM exits. */
  public static TestIssuer create(String issuer) {
    try {
      Path file = Files.createTempFile("sessiond-test-jwks-", ".json");
      file.toFile().deleteOnExit();
      return create(issuer, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The issuer name, its {@code iss}. */
  public String issuer() {
    return issuer;
  }

  /** The JWKS file. */
  public Path jwks() {
    return jwks;
  }

  /** This issuer as trusted by {@code tenantId}, with audience {@code api://<tenantId>}. */
  public ExternalIssuer trustedBy(String tenantId) {
    return ExternalIssuer.of(tenantId, issuer, jwks.toUri()).withAudience("api://" + tenantId);
  }

  /**
   * A token for {@code subject} in session {@code sid}, audience {@code api://<tenantId>}, issued at
   * {@code now}; {@code edit} may change any claim.
   */
  public String token(String tenantId, String subject, String sid, Instant now,
      Consumer<JWTClaimsSet.Builder> edit) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
        .audience("api://" + tenantId).jwtID(UUID.randomUUID().toString()).claim("sid", sid)
        .claim("preferred_username", subject + "@example.test").issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    edit.accept(claims);
    return sign(claims.build());
  }

  /** {@code claims} signed with this issuer's key. */
  public String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
          .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
