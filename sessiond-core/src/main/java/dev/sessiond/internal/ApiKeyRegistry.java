package dev.sessiond.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessiond.ApiKey;
import dev.sessiond.Caller;
import dev.sessiond.CreatedApiKey;
import dev.sessiond.Method;
import dev.sessiond.store.ApiKeyRecord;
import dev.sessiond.store.ApiKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes API keys and recognizes them. A key reads {@code sk_<id>_<secret>}: a 16-hex-character
 * public id and 32 bytes from {@link SecureRandom} in base64url. The store keeps only the SHA-256
 * of the whole key, compared in constant time. The bootstrap (admin) key may have any form; it is
 * the key with id {@value #BOOTSTRAP_ID}, every method, every tenant. Keys are cached by id for
 * {@link #CACHE_TTL}, so a key revoked by another process stops working within that time; one
 * revoked here stops at once.
 */
public final class ApiKeyRegistry {
  /** The id of the bootstrap key. */
  public static final String BOOTSTRAP_ID = "bootstrap";
  /** How long a looked-up key is trusted before it is read again. */
  public static final Duration CACHE_TTL = Duration.ofSeconds(2);
  /** The most keys a listing returns. */
  public static final int MAX_LISTED = 1000;

  private static final String PREFIX = "sk_";
  private static final int ID_HEX = 16;
  private static final int SECRET_CHARS = 43;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final ApiKeyStore store;
  private final Clock clock;
  private final Cache<String, Optional<Known>> cache;

  public ApiKeyRegistry(ApiKeyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE_TTL).build();
  }

  /**
   * Makes the bootstrap key be {@code adminKey}: stores it if absent or if the key changed, with
   * every method in every tenant.
   */
  public void installBootstrap(String adminKey) {
    String hash = RefreshSecrets.hash(adminKey);
    Optional<ApiKeyRecord> current = store.findApiKey(BOOTSTRAP_ID);
    if (current.isPresent() && current.get().isLive()
        && MessageDigest.isEqual(bytes(current.get().secretHash()), bytes(hash))
        && current.get().methods().equals(wireNames(EnumSet.allOf(Method.class)))) {
      return;
    }
    store.putApiKey(new ApiKeyRecord(BOOTSTRAP_ID, "bootstrap admin key",
        ApiKeyRecord.ALL_TENANTS, wireNames(EnumSet.allOf(Method.class)), hash, now(),
        Caller.Kind.SERVICE.wireName() + ":config", null));
    cache.invalidate(BOOTSTRAP_ID);
  }

  /** Makes and stores a key; the returned secret is the only copy. */
  public CreatedApiKey create(String tenantId, Set<Method> methods, String name, String actor) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    byte[] idBytes = new byte[ID_HEX / 2];
    RANDOM.nextBytes(idBytes);
    String id = HEX.formatHex(idBytes);
    String key = PREFIX + id + "_"
        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKeyRecord record = new ApiKeyRecord(id, name == null ? "" : name,
        tenantId == null ? ApiKeyRecord.ALL_TENANTS : tenantId, wireNames(methods),
        RefreshSecrets.hash(key), now(), actor, null);
    store.putApiKey(record);
    return new CreatedApiKey(view(record), key);
  }

  /** Every key, oldest first. */
  public List<ApiKey> list() {
    return store.apiKeys(MAX_LISTED).stream().map(ApiKeyRegistry::view).toList();
  }

  /** The key with {@code id}, if any. */
  public Optional<ApiKey> find(String id) {
    return validId(id) ? store.findApiKey(id).map(ApiKeyRegistry::view) : Optional.empty();
  }

  /** Forgets what this node cached of key {@code id} (revoked elsewhere); the next use re-reads. */
  public void forget(String id) {
    cache.invalidate(id);
  }

  /** Forgets every cached key. */
  public void forgetAll() {
    cache.invalidateAll();
  }

  /**
   * Revokes a key; it stops working here at once.
   *
   * @return whether it was live and is now revoked
   */
  public boolean revoke(String id) {
    boolean revoked = validId(id) && store.revokeApiKey(id, now());
    cache.invalidate(id);
    return revoked;
  }

  /**
   * The caller a presented key stands for.
   *
   * @return empty if it is no live key
   */
  public Optional<Caller> authenticate(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > 512) {
      return Optional.empty();
    }
    String id = idOf(presented);
    Optional<Caller> caller = id == null ? Optional.empty() : match(id, presented);
    return caller.isPresent() ? caller : match(BOOTSTRAP_ID, presented);
  }

  /**
   * Whether {@link #authenticate} would answer {@code presented} without reading the store: its
   * key (and the bootstrap key it falls back to) were looked up recently.
   */
  public boolean answersFromMemory(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > 512) {
      return true;
    }
    String id = idOf(presented);
    return (id == null || cache.getIfPresent(id) != null)
        && cache.getIfPresent(BOOTSTRAP_ID) != null;
  }

  private Optional<Caller> match(String id, String presented) {
    Optional<Known> known = cache.get(id, this::load);
    if (known.isEmpty()) {
      return Optional.empty();
    }
    byte[] actual = bytes(RefreshSecrets.hash(presented));
    return MessageDigest.isEqual(known.get().hash(), actual)
        ? Optional.of(known.get().caller()) : Optional.empty();
  }

  /** The live key with {@code id} as the cache keeps it; empty if none is live. */
  private Optional<Known> load(String id) {
    return store.findApiKey(id).filter(ApiKeyRecord::isLive).map(key -> new Known(
        bytes(key.secretHash()), Caller.apiKey(key.id(),
            ApiKeyRecord.ALL_TENANTS.equals(key.tenantId()) ? null : key.tenantId(),
            methods(key))));
  }

  /** A live key: the hash to compare with, and the caller it stands for. */
  private record Known(byte[] hash, Caller caller) {}

  /** The id part of a key of the {@code sk_<id>_<secret>} form; {@code null} for any other form. */
  private static String idOf(String presented) {
    if (presented.length() != PREFIX.length() + ID_HEX + 1 + SECRET_CHARS
        || !presented.startsWith(PREFIX) || presented.charAt(PREFIX.length() + ID_HEX) != '_') {
      return null;
    }
    String id = presented.substring(PREFIX.length(), PREFIX.length() + ID_HEX);
    return validId(id) ? id : null;
  }

  private static boolean validId(String id) {
    return id != null && id.matches("[a-z0-9_-]{1,64}");
  }

  private static ApiKey view(ApiKeyRecord key) {
    return new ApiKey(key.id(), key.name(),
        ApiKeyRecord.ALL_TENANTS.equals(key.tenantId()) ? null : key.tenantId(), methods(key),
        key.createdAt(), key.createdBy(), key.revokedAt());
  }

  /** The methods a stored key declares; names this version does not know are ignored. */
  private static Set<Method> methods(ApiKeyRecord key) {
    EnumSet<Method> methods = EnumSet.noneOf(Method.class);
    key.methods().forEach(name -> Method.fromWireName(name).ifPresent(methods::add));
    return methods;
  }

  private static Set<String> wireNames(Set<Method> methods) {
    return methods.stream().map(Method::wireName).collect(Collectors.toUnmodifiableSet());
  }

  private static byte[] bytes(String hex) {
    return hex.getBytes(StandardCharsets.US_ASCII);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
