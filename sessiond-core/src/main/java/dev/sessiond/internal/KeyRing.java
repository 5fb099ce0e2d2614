package dev.sessiond.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.store.SigningKeyRecord;
import dev.sessiond.store.SigningKeyStore;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of this node: the active signer per algorithm, and a verifier for every key
 * whose tokens may still be valid. Loaded from the {@link SigningKeyStore}; private keys are
 * decrypted only in memory. Thread-safe; {@link #reload} swaps in a new view atomically.
 */
public final class KeyRing {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);

  private final SigningKeyStore store;
  private final PrivateKeyCipher cipher;
  private volatile View view = new View(new EnumMap<>(SigningAlgorithm.class), Map.of(), List.of());

  /** A signer with its key id. */
  public record Signer(String kid, SigningAlgorithm algorithm, JWSSigner signer, Instant createdAt) {}

  /** A verifier with the algorithm its key signs. */
  public record Verifier(SigningAlgorithm algorithm, JWSVerifier verifier) {}

  private record View(Map<SigningAlgorithm, Signer> signers, Map<String, Verifier> verifiers,
      List<JWK> publicKeys) {}

  public KeyRing(SigningKeyStore store, PrivateKeyCipher cipher) {
    this.store = store;
    this.cipher = cipher;
  }

  /** The active signer for {@code algorithm}, if one is loaded. */
  public Optional<Signer> signer(SigningAlgorithm algorithm) {
    return Optional.ofNullable(view.signers().get(algorithm));
  }

  /** The verifier for {@code kid}, if that key may still have valid tokens. */
  public Optional<Verifier> verifier(String kid) {
    return kid == null ? Optional.empty() : Optional.ofNullable(view.verifiers().get(kid));
  }

  /** The public keys of every key that may still have valid tokens, as a JWK set. */
  public JWKSet publicKeys() {
    return new JWKSet(view.publicKeys());
  }

  /**
   * Reads the keys from the store again. Keys retired before {@code now - maxTokenTtl} are left out
   * (no token of theirs can be valid). An active key whose private half cannot be decrypted (the
   * key-encryption key changed) still verifies, but signs nothing; {@link #ensureActive} replaces it.
   */
  public void reload(Instant now, Duration maxTokenTtl) {
    Map<SigningAlgorithm, Signer> signers = new EnumMap<>(SigningAlgorithm.class);
    Map<String, Verifier> verifiers = new ConcurrentHashMap<>();
    List<JWK> publicKeys = new ArrayList<>();
    Instant oldestUseful = now.minus(maxTokenTtl);
    for (SigningKeyRecord record : store.signingKeys()) {
      if (record.retiredAt() != null && record.retiredAt().isBefore(oldestUseful)) {
        continue;
      }
      Optional<SigningAlgorithm> algorithm = SigningAlgorithm.fromJwsName(record.algorithm());
      if (algorithm.isEmpty()) {
        continue;
      }
      try {
        JWK publicJwk = JWK.parse(record.publicJwk());
        verifiers.put(record.kid(), new Verifier(algorithm.get(), verifierFor(publicJwk)));
        publicKeys.add(publicJwk);
        if (record.retiredAt() == null) {
          signerOf(record, algorithm.get()).ifPresent(s -> signers.put(s.algorithm(), s));
        }
      } catch (ParseException | JOSEException e) {
        LOG.error("signing key {} is unreadable and is skipped", record.kid());
      }
    }
    view = new View(signers, Map.copyOf(verifiers), List.copyOf(publicKeys));
  }

  /**
   * Makes sure {@code algorithm} has an active signer no older than {@code rotateAfter}: if not,
   * makes a new key, stores it (retiring the old one) and reloads.
   *
   * @return whether a new key was made
   */
  public boolean ensureActive(SigningAlgorithm algorithm, Instant now, Duration rotateAfter,
      Duration maxTokenTtl) {
    Optional<Signer> current = signer(algorithm);
    if (current.isPresent() && current.get().createdAt().plus(rotateAfter).isAfter(now)) {
      return false;
    }
    rotate(algorithm, now, maxTokenTtl);
    return true;
  }

  /** Makes a new active key for {@code algorithm} now, retiring the current one, and reloads. */
  public String rotate(SigningAlgorithm algorithm, Instant now, Duration maxTokenTtl) {
    String kid = SessionIds.generate().substring(0, 32);
    JWK key = generate(algorithm, kid);
    byte[] sealed = cipher.encrypt(kid, key.toJSONString().getBytes(StandardCharsets.UTF_8));
    store.rotateSigningKey(new SigningKeyRecord(kid, algorithm.jwsName(),
        key.toPublicJWK().toJSONString(), sealed, now, null), now);
    reload(now, maxTokenTtl);
    LOG.info("new {} signing key {} is active", algorithm.jwsName(), kid);
    return kid;
  }

  private Optional<Signer> signerOf(SigningKeyRecord record, SigningAlgorithm algorithm)
      throws ParseException, JOSEException {
    byte[] plain;
    try {
      plain = cipher.decrypt(record.kid(), record.encryptedPrivateKey());
    } catch (IllegalArgumentException e) {
      LOG.warn("signing key {} cannot be decrypted with the configured key-encryption key; "
          + "it will verify its tokens but a new key will sign", record.kid());
      return Optional.empty();
    }
    JWK privateJwk = JWK.parse(new String(plain, StandardCharsets.UTF_8));
    return Optional.of(new Signer(record.kid(), algorithm, signerFor(privateJwk), record.createdAt()));
  }

  private static JWK generate(SigningAlgorithm algorithm, String kid) {
    try {
      return switch (algorithm) {
        case EDDSA -> new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.EdDSA).generate();
        case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.ES256).generate();
        case RS256 -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256).generate();
      };
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a " + algorithm.jwsName() + " key", e);
    }
  }

  private static JWSSigner signerFor(JWK privateJwk) throws JOSEException {
    if (privateJwk instanceof OctetKeyPair okp) {
      return new Ed25519Signer(okp);
    }
    if (privateJwk instanceof ECKey ec) {
      return new ECDSASigner(ec);
    }
    if (privateJwk instanceof RSAKey rsa) {
      return new RSASSASigner(rsa);
    }
    throw new JOSEException("unsupported key type " + privateJwk.getKeyType());
  }

  private static JWSVerifier verifierFor(JWK publicJwk) throws JOSEException {
    if (publicJwk instanceof OctetKeyPair okp) {
      return new Ed25519Verifier(okp.toPublicJWK());
    }
    if (publicJwk instanceof ECKey ec) {
      return new ECDSAVerifier(ec.toPublicJWK());
    }
    if (publicJwk instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa.toPublicJWK());
    }
    throw new JOSEException("unsupported key type " + publicJwk.getKeyType());
  }
}
