package dev.sessiond;

import java.util.Optional;

/** The JWS algorithms sessiond signs access tokens with. EdDSA (Ed25519) unless a tenant picks another. */
public enum SigningAlgorithm {
  /** Ed25519 signatures: small, fast, the default. */
  EDDSA("EdDSA"),
  /** ECDSA on P-256 with SHA-256, for gateways without EdDSA. */
  ES256("ES256"),
  /** RSA PKCS#1 v1.5 with SHA-256 (2048-bit keys), for gateways that know only RSA. */
  RS256("RS256");

  private final String jwsName;

  SigningAlgorithm(String jwsName) {
    this.jwsName = jwsName;
  }

  /** The name in a JWS header's {@code alg} and a JWK's {@code alg}, such as {@code EdDSA}. */
  public String jwsName() {
    return jwsName;
  }

  /**
   * The algorithm with this JWS name.
   *
   * @return empty if {@code name} is {@code null} or not one of sessiond's algorithms
   */
  public static Optional<SigningAlgorithm> fromJwsName(String name) {
    for (SigningAlgorithm algorithm : values()) {
      if (algorithm.jwsName.equals(name)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
