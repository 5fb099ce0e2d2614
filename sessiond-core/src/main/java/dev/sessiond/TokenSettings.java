package dev.sessiond;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * How access and refresh tokens are made.
 *
 * @param issuer the {@code iss} of every access token; never {@code null}
 * @param accessTokenTtl how long an access token lives unless its tenant says otherwise
 * @param tenantAccessTokenTtls per-tenant access-token lifetimes; never {@code null}
 * @param algorithm the signing algorithm unless a tenant picks another
 * @param tenantAlgorithms per-tenant algorithms; never {@code null}
 * @param refreshGrace how long a rotated-away refresh token still refreshes (0 to 300 s), to
 *     absorb concurrent and lost-response retries
 * @param keyRotationInterval how long a signing key signs before a new one replaces it
 * @param keyEncryptionKey 32 bytes that encrypt signing keys at rest (AES-256-GCM); copied, never
 *     shown by {@link #toString()}
 */
public record TokenSettings(
    String issuer,
    Duration accessTokenTtl,
    Map<String, Duration> tenantAccessTokenTtls,
    SigningAlgorithm algorithm,
    Map<String, SigningAlgorithm> tenantAlgorithms,
    Duration refreshGrace,
    Duration keyRotationInterval,
    byte[] keyEncryptionKey) {

  /** The longest refresh grace window accepted. */
  public static final Duration MAX_REFRESH_GRACE = Duration.ofSeconds(300);

  public TokenSettings {
    Objects.requireNonNull(issuer, "issuer");
    positive(accessTokenTtl, "accessTokenTtl");
    tenantAccessTokenTtls = Map.copyOf(tenantAccessTokenTtls);
    tenantAccessTokenTtls.values().forEach(ttl -> positive(ttl, "tenant access token ttl"));
    Objects.requireNonNull(algorithm, "algorithm");
    tenantAlgorithms = Map.copyOf(tenantAlgorithms);
    Objects.requireNonNull(refreshGrace, "refreshGrace");
    if (refreshGrace.isNegative() || refreshGrace.compareTo(MAX_REFRESH_GRACE) > 0) {
      throw new IllegalArgumentException("refreshGrace must be between 0 and 300 seconds");
    }
    positive(keyRotationInterval, "keyRotationInterval");
    if (keyEncryptionKey == null || keyEncryptionKey.length != 32) {
      throw new IllegalArgumentException("keyEncryptionKey must be 32 bytes");
    }
    keyEncryptionKey = keyEncryptionKey.clone();
  }

  /**
   * Defaults: issuer {@code sessiond}, 5 min access tokens, EdDSA, 30 s refresh grace, keys
   * rotated every 30 days, encrypted with {@code keyEncryptionKey}.
   */
  public static TokenSettings defaults(byte[] keyEncryptionKey) {
    return new TokenSettings("sessiond", Duration.ofMinutes(5), Map.of(), SigningAlgorithm.EDDSA,
        Map.of(), Duration.ofSeconds(30), Duration.ofDays(30), keyEncryptionKey);
  }

  @Override
  public byte[] keyEncryptionKey() {
    return keyEncryptionKey.clone();
  }

  /** The access-token lifetime for {@code tenantId}. */
  public Duration accessTokenTtlFor(String tenantId) {
    return tenantAccessTokenTtls.getOrDefault(tenantId, accessTokenTtl);
  }

  /** The longest access-token lifetime of any tenant: how long a revocation must be remembered. */
  public Duration maxAccessTokenTtl() {
    return tenantAccessTokenTtls.values().stream().reduce(accessTokenTtl,
        (a, b) -> a.compareTo(b) >= 0 ? a : b);
  }

  /** The signing algorithm for {@code tenantId}. */
  public SigningAlgorithm algorithmFor(String tenantId) {
    return tenantAlgorithms.getOrDefault(tenantId, algorithm);
  }

  /** These settings with another issuer. */
  public TokenSettings withIssuer(String value) {
    return new TokenSettings(value, accessTokenTtl, tenantAccessTokenTtls, algorithm,
        tenantAlgorithms, refreshGrace, keyRotationInterval, keyEncryptionKey);
  }

  /** These settings with another default access-token lifetime and per-tenant lifetimes. */
  public TokenSettings withAccessTokenTtls(Duration value, Map<String, Duration> perTenant) {
    return new TokenSettings(issuer, value, perTenant, algorithm, tenantAlgorithms, refreshGrace,
        keyRotationInterval, keyEncryptionKey);
  }

  /** These settings with another default algorithm and per-tenant algorithms. */
  public TokenSettings withAlgorithms(SigningAlgorithm value, Map<String, SigningAlgorithm> perTenant) {
    return new TokenSettings(issuer, accessTokenTtl, tenantAccessTokenTtls, value, perTenant,
        refreshGrace, keyRotationInterval, keyEncryptionKey);
  }

  /** These settings with another refresh grace window. */
  public TokenSettings withRefreshGrace(Duration value) {
    return new TokenSettings(issuer, accessTokenTtl, tenantAccessTokenTtls, algorithm,
        tenantAlgorithms, value, keyRotationInterval, keyEncryptionKey);
  }

  /** These settings with another key rotation interval. */
  public TokenSettings withKeyRotationInterval(Duration value) {
    return new TokenSettings(issuer, accessTokenTtl, tenantAccessTokenTtls, algorithm,
        tenantAlgorithms, refreshGrace, value, keyEncryptionKey);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenSettings that && issuer.equals(that.issuer)
        && accessTokenTtl.equals(that.accessTokenTtl)
        && tenantAccessTokenTtls.equals(that.tenantAccessTokenTtls)
        && algorithm == that.algorithm && tenantAlgorithms.equals(that.tenantAlgorithms)
        && refreshGrace.equals(that.refreshGrace)
        && keyRotationInterval.equals(that.keyRotationInterval)
        && Arrays.equals(keyEncryptionKey, that.keyEncryptionKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(issuer, accessTokenTtl, tenantAccessTokenTtls, algorithm, tenantAlgorithms,
        refreshGrace, keyRotationInterval, Arrays.hashCode(keyEncryptionKey));
  }

  /** Never shows the key-encryption key. */
  @Override
  public String toString() {
    return "TokenSettings[issuer=" + issuer + ", accessTokenTtl=" + accessTokenTtl
        + ", algorithm=" + algorithm + ", refreshGrace=" + refreshGrace
        + ", keyRotationInterval=" + keyRotationInterval + "]";
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
