package dev.sessiond.server;

import dev.sessiond.SigningAlgorithm;
import dev.sessiond.TokenSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the server mints tokens: everything in {@link TokenSettings} except the key-encryption key,
 * which {@link ServerConfig} carries separately (or which comes from {@code
 * <data-dir>/signing.kek}) so that it never travels with the rest.
 *
 * @param issuer the {@code iss} of every access token; not blank
 * @param accessTokenTtl access-token lifetime unless a tenant says otherwise; positive
 * @param tenantAccessTokenTtls per-tenant access-token lifetimes; never {@code null}
 * @param algorithm the signing algorithm unless a tenant picks another; never {@code null}
 * @param tenantAlgorithms per-tenant signing algorithms; never {@code null}
 * @param refreshGrace how long a rotated-away refresh token still refreshes, 0 to 300 seconds
 * @param keyRotationInterval how long a signing key signs before a new one replaces it; positive
 */
public record TokenConfig(
    String issuer,
    Duration accessTokenTtl,
    Map<String, Duration> tenantAccessTokenTtls,
    SigningAlgorithm algorithm,
    Map<String, SigningAlgorithm> tenantAlgorithms,
    Duration refreshGrace,
    Duration keyRotationInterval) {

  /** The defaults: issuer {@code sessiond}, 5 min tokens, EdDSA, 30 s grace, 30 day rotation. */
  public static final TokenConfig DEFAULT = from(TokenSettings.defaults(new byte[32]));

  /**
   * @throws IllegalArgumentException if a value is out of range
   * @throws NullPointerException if a value is {@code null}
   */
  public TokenConfig {
    Objects.requireNonNull(issuer, "issuer");
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("the token issuer must not be blank");
    }
    tenantAccessTokenTtls = Map.copyOf(tenantAccessTokenTtls);
    tenantAlgorithms = Map.copyOf(tenantAlgorithms);
    // TokenSettings holds the rules; building one checks every value the same way.
    new TokenSettings(issuer, accessTokenTtl, tenantAccessTokenTtls, algorithm, tenantAlgorithms,
        refreshGrace, keyRotationInterval, new byte[32]);
  }

  /** The engine's settings: these values with {@code keyEncryptionKey} (32 bytes). */
  public TokenSettings settings(byte[] keyEncryptionKey) {
    return new TokenSettings(issuer, accessTokenTtl, tenantAccessTokenTtls, algorithm,
        tenantAlgorithms, refreshGrace, keyRotationInterval, keyEncryptionKey);
  }

  private static TokenConfig from(TokenSettings s) {
    return new TokenConfig(s.issuer(), s.accessTokenTtl(), s.tenantAccessTokenTtls(),
        s.algorithm(), s.tenantAlgorithms(), s.refreshGrace(), s.keyRotationInterval());
  }
}
