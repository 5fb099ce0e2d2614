package dev.sessiond.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.Verification;
import dev.sessiond.Verification.Outcome;
import dev.sessiond.VerifiedToken;
import dev.sessiond.store.SessionRecord;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Mints sessiond's access tokens and checks their signature, issuer and lifetime. A token whose
 * signature checked out is remembered until its {@code exp} (bounded, Caffeine), so a token seen
 * before costs a map lookup. Revocation is not checked here: that is {@link RevocationIndex}'s job,
 * on every call.
 */
public final class AccessTokenCodec {
  /** Tokens longer than this are rejected before parsing. */
  public static final int MAX_TOKEN_LENGTH = 8192;

  private final KeyRing keys;
  private final String issuer;
  private final Clock clock;
  private final Cache<String, VerifiedToken> verified; // null when caching is off

  /** @param maxCachedTokens how many verified tokens to remember; 0 turns the cache off */
  public AccessTokenCodec(KeyRing keys, String issuer, Clock clock, long maxCachedTokens) {
    this.keys = keys;
    this.issuer = issuer;
    this.clock = clock;
    this.verified = maxCachedTokens == 0 ? null : Caffeine.newBuilder()
        .maximumSize(maxCachedTokens)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .expireAfter(new UntilExp(clock))
        .build();
  }

  /**
   * Signs an access token for {@code session}.
   *
   * @param issuedAt the {@code iat}; whole seconds are used
   * @param expiresAt the {@code exp}; whole seconds are used
   * @throws IllegalStateException if no key for {@code algorithm} is loaded
   */
  public String mint(SessionRecord session, SigningAlgorithm algorithm, Instant issuedAt,
      Instant expiresAt) {
    KeyRing.Signer signer = keys.signer(algorithm)
        .orElseThrow(() -> new IllegalStateException("no active " + algorithm.jwsName() + " key"));
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(session.userId())
        .jwtID(SessionIds.generate().substring(0, 32))
        .issueTime(Date.from(issuedAt))
        .expirationTime(Date.from(expiresAt))
        .claim("sid", session.id())
        .claim("tid", session.tenantId())
        .claim("username", session.username())
        .claim("roles", session.roles())
        .claim("ctype", session.clientType().wireName())
        .build();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.jwsName()))
        .keyID(signer.kid()).type(JOSEObjectType.JWT).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }

  /**
   * Checks signature, algorithm, key, issuer and lifetime.
   *
   * @param token may be {@code null} or anything at all
   * @return {@link Outcome#ACTIVE} with the claims, {@link Outcome#EXPIRED} or {@link
   *     Outcome#INVALID}; never throws for bad input
   */
  public Verification verify(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Verification.rejected(Outcome.INVALID);
    }
    Instant now = clock.instant();
    VerifiedToken known = verified == null ? null : verified.getIfPresent(token);
    if (known != null) {
      return known.expiresAt().isAfter(now)
          ? Verification.active(known) : Verification.rejected(Outcome.EXPIRED);
    }
    Optional<VerifiedToken> checked = check(token);
    if (checked.isEmpty()) {
      return Verification.rejected(Outcome.INVALID);
    }
    if (!checked.get().expiresAt().isAfter(now)) {
      return Verification.rejected(Outcome.EXPIRED);
    }
    if (verified != null) {
      verified.put(token, checked.get());
    }
    return Verification.active(checked.get());
  }

  private Optional<VerifiedToken> check(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      Optional<SigningAlgorithm> algorithm =
          SigningAlgorithm.fromJwsName(header.getAlgorithm().getName());
      Optional<KeyRing.Verifier> verifier = keys.verifier(header.getKeyID());
      if (algorithm.isEmpty() || verifier.isEmpty()
          || verifier.get().algorithm() != algorithm.get()
          || !jwt.verify(verifier.get().verifier())) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      if (!issuer.equals(claims.getIssuer()) || claims.getExpirationTime() == null
          || claims.getIssueTime() == null) {
        return Optional.empty();
      }
      String subject = claims.getSubject();
      String sessionId = claims.getStringClaim("sid");
      String tenantId = claims.getStringClaim("tid");
      String tokenId = claims.getJWTID();
      if (subject == null || sessionId == null || tenantId == null || tokenId == null) {
        return Optional.empty();
      }
      List<String> roles = claims.getStringListClaim("roles");
      return Optional.of(new VerifiedToken(issuer, subject, sessionId, tenantId, tokenId,
          orEmpty(claims.getStringClaim("username")), roles == null ? List.of() : roles,
          orEmpty(claims.getStringClaim("ctype")), claims.getIssueTime().toInstant(),
          claims.getExpirationTime().toInstant()));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** Keeps each verified token until its {@code exp} by the injected clock. */
  private static final class UntilExp implements Expiry<String, VerifiedToken> {
    private final Clock clock;

    UntilExp(Clock clock) {
      this.clock = clock;
    }

    @Override
    public long expireAfterCreate(String key, VerifiedToken value, long currentTime) {
      return Math.max(0, Duration.between(clock.instant(), value.expiresAt()).toNanos());
    }

    @Override
    public long expireAfterUpdate(String key, VerifiedToken value, long currentTime,
        long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(String key, VerifiedToken value, long currentTime,
        long currentDuration) {
      return currentDuration;
    }
  }
}
