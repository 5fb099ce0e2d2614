package dev.sessiond.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The JDK's own Ed25519 check of one token's signature over its signing input, with one reused
 * {@link Signature}: the baseline that local verification on first sight is held against
 * (ARCHITECTURE: at most 1.1 times it). Not thread-safe; JMH runs it on one thread.
 */
final class Ed25519Baseline {
  private final byte[] signingInput;
  private final byte[] signature;
  private final PublicKey publicKey;
  private final Signature verifier;

  /** @param jwks the server's key set, whose first key signed {@code token} */
  Ed25519Baseline(String token, String jwks) throws Exception {
    int lastDot = token.lastIndexOf('.');
    this.signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
    this.signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
    this.publicKey = publicKey(jwks);
    this.verifier = Signature.getInstance("Ed25519");
  }

  boolean verify() throws Exception {
    verifier.initVerify(publicKey);
    verifier.update(signingInput);
    return verifier.verify(signature);
  }

  /** The JWK's raw 32-byte {@code x}, wrapped in the X.509 prefix the JDK's KeyFactory reads. */
  private static PublicKey publicKey(String jwks) throws Exception {
    int i = jwks.indexOf("\"x\":\"") + 5;
    byte[] raw = Base64.getUrlDecoder().decode(jwks.substring(i, jwks.indexOf('"', i)));
    byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    byte[] der = new byte[prefix.length + raw.length];
    System.arraycopy(prefix, 0, der, 0, prefix.length);
    System.arraycopy(raw, 0, der, prefix.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
  }
}
