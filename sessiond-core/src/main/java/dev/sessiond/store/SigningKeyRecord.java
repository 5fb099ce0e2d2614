package dev.sessiond.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A key that signs access tokens, as stored. The private half is stored only encrypted; the store
 * never sees it in the clear.
 *
 * @param kid the key id, unique; never {@code null}
 * @param algorithm the JWS algorithm name, such as {@code EdDSA}, {@code ES256} or {@code RS256};
 *     never {@code null}
 * @param publicJwk the public key as a JWK JSON object; never {@code null}
 * @param encryptedPrivateKey the private JWK, encrypted by sessiond; never {@code null}
 * @param createdAt when it was made; never {@code null}
 * @param retiredAt when it stopped signing, or {@code null} while it is the active key of its
 *     algorithm. A retired key still verifies until every token it signed has expired.
 */
public record SigningKeyRecord(
    String kid,
    String algorithm,
    String publicJwk,
    byte[] encryptedPrivateKey,
    Instant createdAt,
    Instant retiredAt) {

  public SigningKeyRecord {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(publicJwk, "publicJwk");
    encryptedPrivateKey = encryptedPrivateKey.clone();
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public byte[] encryptedPrivateKey() {
    return encryptedPrivateKey.clone();
  }

  /** Records compare by value, the key bytes included. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SigningKeyRecord that
        && kid.equals(that.kid) && algorithm.equals(that.algorithm)
        && publicJwk.equals(that.publicJwk)
        && java.util.Arrays.equals(encryptedPrivateKey, that.encryptedPrivateKey)
        && createdAt.equals(that.createdAt) && Objects.equals(retiredAt, that.retiredAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kid, algorithm, publicJwk, java.util.Arrays.hashCode(encryptedPrivateKey),
        createdAt, retiredAt);
  }

  /** Never shows the key material. */
  @Override
  public String toString() {
    return "SigningKeyRecord[kid=" + kid + ", algorithm=" + algorithm + ", createdAt=" + createdAt
        + ", retiredAt=" + retiredAt + "]";
  }

  /** This key retired at {@code at}. */
  public SigningKeyRecord retiredAt(Instant at) {
    return new SigningKeyRecord(kid, algorithm, publicJwk, encryptedPrivateKey, createdAt, at);
  }
}
