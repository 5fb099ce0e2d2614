package dev.sessiond.client.internal.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sessiond's public signing keys from {@code /.well-known/jwks.json}, as Nimbus verifiers by
 * {@code kid}. Fetched on {@link #refresh()} (the verifier schedules it by the answer's {@code
 * Cache-Control: max-age}) and when a token names an unknown {@code kid}: such fetches are at
 * least {@code refetchInterval} apart, so tokens with made-up {@code kid}s cannot hammer the
 * server. Only EdDSA (Ed25519), ES256 (P-256) and RS256 keys are used. Thread-safe.
 */
public final class SigningKeys {
  /** Thrown when the key set was needed but could not be fetched. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** One key: which JWS algorithms it may verify, and the verifier. */
  public record Key(Set<JWSAlgorithm> algorithms, JWSVerifier verifier) {}

  /** Used when the answer has no usable {@code max-age}. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*(\\d+)");
  private static final int MAX_BODY = 1 << 20;

  private final HttpClient http;
  private final URI jwksUri;
  private final Duration timeout;
  private final long refetchNanos;
  private final Object fetchLock = new Object();
  private final AtomicLong fetches = new AtomicLong();
  private volatile Map<String, Key> keys = Map.of();
  private volatile boolean loaded;
  private long lastKidFetchNanos; // guarded by fetchLock
  private boolean kidFetched; // guarded by fetchLock

  public SigningKeys(HttpClient http, URI baseUrl, Duration timeout, Duration refetchInterval) {
    this.http = http;
    this.jwksUri = baseUrl.resolve("/.well-known/jwks.json");
    this.timeout = timeout;
    this.refetchNanos = refetchInterval.toNanos();
  }

  /**
   * The key named {@code kid}, fetching the key set once if it is unknown and no unknown-kid fetch
   * happened within the refetch interval.
   *
   * @return {@code null} if no such key is known (or {@code kid} is {@code null})
   * @throws Unavailable if a fetch was due and failed
   */
  public Key find(String kid) throws Unavailable {
    if (kid == null) {
      return null;
    }
    Key key = keys.get(kid);
    if (key != null) {
      return key;
    }
    synchronized (fetchLock) {
      key = keys.get(kid);
      if (key != null) {
        return key;
      }
      long now = System.nanoTime();
      if (kidFetched && now - lastKidFetchNanos < refetchNanos) {
        return null;
      }
      kidFetched = true;
      lastKidFetchNanos = now;
      try {
        fetch();
      } catch (IOException e) {
        throw new Unavailable("the signing keys could not be fetched", e);
      }
      return keys.get(kid);
    }
  }

  /**
   * Fetches the key set now (not rate-limited: for schedules and the feed's key rotations).
   *
   * @return how long the answer may be cached
   * @throws IOException if it cannot be fetched or parsed
   */
  public Duration refresh() throws IOException {
    synchronized (fetchLock) {
      return fetch();
    }
  }

  /** Whether {@code kid} is known, without fetching. */
  public boolean knows(String kid) {
    return keys.containsKey(kid);
  }

  /** Whether a key set has been loaded at least once. */
  public boolean isLoaded() {
    return loaded;
  }

  /** How many fetches were attempted. */
  public long fetchCount() {
    return fetches.get();
  }

  private Duration fetch() throws IOException {
    fetches.incrementAndGet();
    HttpRequest request = HttpRequest.newBuilder(jwksUri).timeout(timeout)
        .header("Accept", "application/json").GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching the signing keys", e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("the key set answered HTTP " + response.statusCode());
    }
    if (response.body().length() > MAX_BODY) {
      throw new IOException("the key set is too large");
    }
    JWKSet set;
    try {
      set = JWKSet.parse(response.body());
    } catch (ParseException e) {
      throw new IOException("the key set is not a JWK set", e);
    }
    Map<String, Key> parsed = new HashMap<>();
    for (JWK jwk : set.getKeys()) {
      if (jwk.getKeyID() == null || KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
        continue;
      }
      Key key = toKey(jwk);
      if (key != null) {
        parsed.put(jwk.getKeyID(), key);
      }
    }
    keys = Map.copyOf(parsed);
    loaded = true;
    return maxAge(response.headers().firstValue("Cache-Control").orElse(""));
  }

  private static Key toKey(JWK jwk) {
    try {
      if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
        return new Key(Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519),
            new Ed25519Verifier(okp.toPublicJWK()));
      }
      if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
        return new Key(Set.of(JWSAlgorithm.ES256), new ECDSAVerifier(ec.toPublicJWK()));
      }
      if (jwk instanceof RSAKey rsa) {
        return new Key(Set.of(JWSAlgorithm.RS256), new RSASSAVerifier(rsa.toPublicJWK()));
      }
    } catch (JOSEException e) {
      return null;
    }
    return null;
  }

  static Duration maxAge(String cacheControl) {
    Matcher m = MAX_AGE.matcher(cacheControl);
    if (!m.find()) {
      return DEFAULT_MAX_AGE;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(m.group(1)));
    } catch (NumberFormatException e) {
      return DEFAULT_MAX_AGE;
    }
  }
}
