package dev.sessiond.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.sessiond.ExternalIssuer;
import dev.sessiond.VerifiedToken;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies tokens of the external issuers tenants trust: signature against the issuer's JWKS,
 * issuer, audience and lifetime by the injected clock, then the claim that names the session. Each
 * external session gets a deterministic id, the SHA-256 of tenant, issuer and session name, so the
 * same session maps to the same record on every node without a lookup table.
 */
public final class ExternalTokens {
  /** Asymmetric algorithms only: never {@code none}, never an HMAC an issuer's public key could forge. */
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.RS256,
      JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384,
      JWSAlgorithm.PS512);

  /** Why a token was not accepted, or {@code null} in a {@link Result} that succeeded. */
  public enum Failure {
    /** No trusted issuer has this {@code iss}: not an external token at all. */
    NOT_EXTERNAL,
    /** Bad signature, audience, issuer, missing {@code sub}/{@code exp}, or an ambiguous tenant. */
    INVALID,
    /** Well signed but past its {@code exp}. */
    EXPIRED,
    /** Valid, but without the claim that names its session. */
    MISSING_SESSION_CLAIM
  }

  /**
   * The outcome of one verification.
   *
   * @param failure {@code null} on success
   * @param token the claims on success, else {@code null}
   * @param sessionName the session claim's value on success, else {@code null}
   * @param issuer the trusted issuer that matched, or {@code null}
   * @param subject the verified {@code sub} on success or {@link Failure#MISSING_SESSION_CLAIM},
   *     else {@code null}
   */
  public record Result(Failure failure, VerifiedToken token, String sessionName,
      ExternalIssuer issuer, String subject) {
    static Result failed(Failure why) {
      return new Result(why, null, null, null, null);
    }

    /** Whether the token was accepted. */
    public boolean ok() {
      return failure == null;
    }
  }

  private record Trusted(ExternalIssuer config, DefaultJWTProcessor<SecurityContext> processor) {}

  private final Map<String, List<Trusted>> byIssuer = new HashMap<>();

  /**
   * @throws UncheckedIOException if a {@code file:} JWKS cannot be read
   * @throws IllegalArgumentException if a {@code file:} JWKS is not a JWK set
   */
  public ExternalTokens(List<ExternalIssuer> issuers, Clock clock) {
    for (ExternalIssuer issuer : issuers) {
      byIssuer.computeIfAbsent(issuer.issuer(), k -> new ArrayList<>())
          .add(new Trusted(issuer, processor(issuer, clock)));
    }
  }

  /** Whether any external issuer is trusted. */
  public boolean isEmpty() {
    return byIssuer.isEmpty();
  }

  /**
   * Verifies {@code token} as an external issuer's.
   *
   * @param tenantHint the tenant the caller acts in, or {@code null}; required to choose when
   *     several tenants trust the same issuer, and a tenant that does not trust it gets {@link
   *     Failure#INVALID}
   */
  public Result verify(String token, String tenantHint) {
    String iss;
    try {
      iss = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
    } catch (ParseException | RuntimeException e) {
      return Result.failed(Failure.NOT_EXTERNAL);
    }
    List<Trusted> candidates = iss == null ? null : byIssuer.get(iss);
    if (candidates == null) {
      return Result.failed(Failure.NOT_EXTERNAL);
    }
    Trusted trusted = pick(candidates, tenantHint);
    if (trusted == null) {
      return Result.failed(Failure.INVALID);
    }
    JWTClaimsSet claims;
    try {
      claims = trusted.processor().process(token, null);
    } catch (ExpiredJWTException e) {
      return Result.failed(Failure.EXPIRED);
    } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
      return Result.failed(Failure.INVALID);
    }
    ExternalIssuer config = trusted.config();
    Object nameClaim = claims.getClaim(config.sessionClaim());
    String name = nameClaim instanceof String || nameClaim instanceof Number
        ? nameClaim.toString() : null;
    if (name == null || name.isBlank() || name.length() > 256) {
      return new Result(Failure.MISSING_SESSION_CLAIM, null, null, config, claims.getSubject());
    }
    VerifiedToken verified = claimsOf(claims, config, name);
    if (!storable(verified, name)) {
      // A signed token can still carry what no store keeps (U+0000 in PostgreSQL) or what no
      // listing should show: it is treated as no token at all.
      return Result.failed(Failure.INVALID);
    }
    return new Result(null, verified, name, config, claims.getSubject());
  }

  /** Whether every value a session record takes from the token is short, printable text. */
  private static boolean storable(VerifiedToken token, String name) {
    if (token.roles().size() > 64 || !printable(token.subject(), 256)
        || !printable(token.username(), 256) || !printable(token.tokenId(), 256)
        || !printable(name, 256)) {
      return false;
    }
    return token.roles().stream().allMatch(role -> printable(role, 64));
  }

  private static boolean printable(String value, int max) {
    if (value == null) {
      return true;
    }
    if (value.length() > max) {
      return false;
    }
    return value.chars().noneMatch(Character::isISOControl);
  }

  private static VerifiedToken claimsOf(JWTClaimsSet claims, ExternalIssuer config, String name) {
    Object username = claims.getClaim(config.usernameClaim());
    Object jti = claims.getJWTID();
    List<String> roles;
    try {
      roles = claims.getStringListClaim("roles");
    } catch (ParseException e) {
      roles = null;
    }
    Date issued = claims.getIssueTime();
    return new VerifiedToken(config.issuer(), claims.getSubject(),
        sessionId(config.tenantId(), config.issuer(), name), config.tenantId(),
        jti == null ? "" : jti.toString(), username instanceof String u ? u : "",
        roles == null ? List.of() : roles, "",
        issued == null ? Instant.EPOCH : issued.toInstant(),
        claims.getExpirationTime().toInstant());
  }

  private static Trusted pick(List<Trusted> candidates, String tenantHint) {
    if (tenantHint == null) {
      return candidates.size() == 1 ? candidates.get(0) : null;
    }
    for (Trusted candidate : candidates) {
      if (candidate.config().tenantId().equals(tenantHint)) {
        return candidate;
      }
    }
    return null;
  }

  /** The id of the external session named {@code name} by {@code issuer} in {@code tenantId}. */
  public static String sessionId(String tenantId, String issuer, String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (tenantId + '\u0000' + issuer + '\u0000' + name).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static DefaultJWTProcessor<SecurityContext> processor(ExternalIssuer issuer, Clock clock) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
        JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source(issuer)));
    processor.setJWTClaimsSetVerifier(new ClockedClaimsVerifier(issuer, clock));
    return processor;
  }

  private static JWKSource<SecurityContext> source(ExternalIssuer issuer) {
    try {
      if ("file".equals(issuer.jwks().getScheme())) {
        return new ImmutableJWKSet<>(JWKSet.load(new File(issuer.jwks())));
      }
      return JWKSourceBuilder.<SecurityContext>create(issuer.jwks().toURL()).retrying(true).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JWKS of " + issuer.issuer(), e);
    } catch (ParseException e) {
      throw new IllegalArgumentException("the JWKS of " + issuer.issuer() + " is not a JWK set", e);
    }
  }

  /** Nimbus's claim checks (issuer, audience, required sub and exp, lifetime) on the injected clock. */
  private static final class ClockedClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
    private final Clock clock;

    ClockedClaimsVerifier(ExternalIssuer issuer, Clock clock) {
      super(issuer.audience(), new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(),
          Set.of("sub", "exp"));
      this.clock = clock;
    }

    @Override
    protected Date currentTime() {
      return Date.from(clock.instant());
    }
  }
}
