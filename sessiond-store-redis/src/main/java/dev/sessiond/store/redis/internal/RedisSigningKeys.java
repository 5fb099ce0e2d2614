package dev.sessiond.store.redis.internal;

import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.SigningKeyRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Signing keys, all under the tag {@code {sigkeys}}: a hash per key and an index by {@code
 * createdAt}. A rotation is one script: retire the algorithm's active keys, store the next.
 */
public final class RedisSigningKeys {
  private final RedisBackend backend;

  public RedisSigningKeys(RedisBackend backend) {
    this.backend = backend;
  }

  public void rotateSigningKey(SigningKeyRecord next, Instant now) {
    if (next.retiredAt() != null) {
      throw new IllegalArgumentException("the next key must not be retired");
    }
    List<String> args = new ArrayList<>(List.of(next.kid(), next.algorithm(), Codec.ms(now),
        Codec.ms(next.createdAt()), AuditRecord.DEPLOYMENT,
        "kid", next.kid(), "alg", next.algorithm(), "jwk", next.publicJwk(),
        "priv", Base64.getEncoder().encodeToString(next.encryptedPrivateKey()),
        "cat", Codec.ms(next.createdAt()), "op", Codec.nonce()));
    if (backend.events.integer(Scripts.SIGNING_ROTATE, backend.keys.signingKeys(), args) == 0) {
      throw new IllegalStateException("a key with this kid exists");
    }
  }

  public List<SigningKeyRecord> signingKeys() {
    String base = backend.keys.signingKeys();
    List<String> kids = backend.link.call(c -> c.zrange(base + "ix", 0, -1));
    List<SigningKeyRecord> out = new ArrayList<>();
    for (Map<String, String> f : backend.fetch(base, kids.stream().map(k -> "k:" + k).toList())) {
      if (!f.isEmpty()) {
        out.add(new SigningKeyRecord(f.get("kid"), f.get("alg"), f.get("jwk"),
            Base64.getDecoder().decode(f.get("priv")), Codec.instant(f.get("cat")),
            Codec.instant(f.get("ret"))));
      }
    }
    return out;
  }

  public int deleteSigningKeysRetiredBefore(Instant cutoff) {
    return (int) backend.link.integer(Scripts.SIGNING_DELETE, backend.keys.signingKeys(),
        List.of(Codec.ms(cutoff)));
  }
}
