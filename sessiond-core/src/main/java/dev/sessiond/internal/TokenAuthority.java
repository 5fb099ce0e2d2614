package dev.sessiond.internal;

import com.nimbusds.jose.jwk.JWKSet;
import dev.sessiond.Event;
import dev.sessiond.IssuedTokens;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.TokenSettings;
import dev.sessiond.Verification;
import dev.sessiond.Verification.Outcome;
import dev.sessiond.VerifiedToken;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.RevokedSession;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SigningKeyStore;
import dev.sessiond.store.Watermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything about access tokens on this node: the key ring, minting, verification (signature
 * cached, revocation checked every time) and the revocation index with the durable writes behind
 * it. Every revocation is stored durably first, then enforced here before the caller is answered.
 */
public final class TokenAuthority {
  private static final Duration KEY_DELETE_MARGIN = Duration.ofDays(1);
  private static final long MAX_CACHED_TOKENS = 200_000;

  private final TokenSettings settings;
  private final SigningKeyStore keyStore;
  private final RevocationStore revocations;
  private final Clock clock;
  private final KeyRing keys;
  private final AccessTokenCodec codec;
  private final RevocationIndex index = new RevocationIndex();

  public TokenAuthority(TokenSettings settings, SigningKeyStore keyStore,
      RevocationStore revocations, Clock clock) {
    this.settings = settings;
    this.keyStore = keyStore;
    this.revocations = revocations;
    this.clock = clock;
    this.keys = new KeyRing(keyStore, new PrivateKeyCipher(settings.keyEncryptionKey()));
    this.codec = new AccessTokenCodec(keys, settings.issuer(), clock, MAX_CACHED_TOKENS);
  }

  /**
   * Loads the keys (making any missing active key) and rebuilds the revocation index from the
   * store: sessions revoked recently enough to have live tokens, current blacklist entries, and all
   * watermarks.
   */
  public void start() {
    Instant now = now();
    keys.reload(now, settings.maxAccessTokenTtl());
    maintainKeys(now);
    for (RevokedSession revoked : revocations.sessionsRevokedSince(now.minus(settings.maxAccessTokenTtl()))) {
      index.sessionRevoked(revoked.sessionId(), revoked.revokedAt().plus(settings.maxAccessTokenTtl()));
    }
    revocations.blacklistEntries(now).forEach(index::blacklisted);
    revocations.watermarks().forEach(index::watermark);
  }

  /**
   * Mints an access token for {@code session} and pairs it with {@code refreshToken}. The token
   * never outlives the session's absolute lifetime (nor, so, a support grant it was opened under).
   */
  public IssuedTokens issue(SessionRecord session, String refreshToken, Instant now) {
    long earliest = index.earliestIssueSecond(session.tenantId(), session.userId());
    Instant issuedAt = now.getEpochSecond() >= earliest ? now : Instant.ofEpochSecond(earliest);
    Instant expiresAt = issuedAt.plus(settings.accessTokenTtlFor(session.tenantId()));
    if (expiresAt.isAfter(session.absoluteExpiresAt())) {
      expiresAt = session.absoluteExpiresAt();
    }
    String access = codec.mint(session, settings.algorithmFor(session.tenantId()), issuedAt, expiresAt);
    return new IssuedTokens(access, Instant.ofEpochSecond(expiresAt.getEpochSecond()), refreshToken);
  }

  /** Verifies an access token: signature, issuer, lifetime, then every revocation. */
  public Verification verify(String token) {
    Verification checked = codec.verify(token);
    if (checked.isActive() && index.rejects(checked.token(), now())) {
      return Verification.rejected(Outcome.REVOKED);
    }
    return checked;
  }

  /**
   * Whether the revocation index rejects an external issuer's token: its session revoked, its
   * session name or {@code jti} blacklisted, or a watermark of its user or tenant.
   */
  public boolean rejectsExternal(VerifiedToken token, String sessionName) {
    Instant now = now();
    return index.rejects(token, now) || index.isBlacklisted(token.tenantId(), sessionName, now);
  }

  /**
   * Enforces on this node what an event from the feed says: a revoked session, a blacklist
   * entry, a raised watermark; re-reads the keys when another node rotated one. Other events are
   * ignored. Idempotent.
   */
  public void apply(Event event) {
    switch (event.type()) {
      case SESSION_REVOKED -> sessionRevoked(event.sessionId(), event.at());
      case BLACKLISTED -> index.blacklisted(
          new BlacklistEntry(event.tenantId(), event.name(), event.at(), event.until()));
      case WATERMARK_RAISED -> index.watermark(new Watermark(event.tenantId(),
          event.userId().isEmpty() ? null : event.userId(), event.at()));
      case SIGNING_KEY_ROTATED -> keys.reload(now(), settings.maxAccessTokenTtl());
      default -> {
        // Nothing this node holds depends on it.
      }
    }
  }

  /** Enforces, on this node, that session {@code sessionId} was revoked at {@code at}. */
  public void sessionRevoked(String sessionId, Instant at) {
    index.sessionRevoked(sessionId, at.plus(settings.maxAccessTokenTtl()));
  }

  /** Stores a blacklist entry durably, then enforces it. */
  public void blacklist(BlacklistEntry entry) {
    revocations.blacklist(entry);
    index.blacklisted(entry);
  }

  /** Whether {@code name} is blacklisted in {@code tenantId} now (per this node's index). */
  public boolean isBlacklisted(String tenantId, String name) {
    return index.isBlacklisted(tenantId, name, now());
  }

  /** Stores a watermark durably, then enforces it. */
  public void watermark(Watermark mark) {
    revocations.raiseWatermark(mark);
    index.watermark(mark);
  }

  /** The public keys whose tokens may still be valid. */
  public JWKSet publicKeys() {
    return keys.publicKeys();
  }

  /** How long clients may cache the key set: well inside the rotation interval. */
  public Duration publicKeysMaxAge() {
    Duration tenth = settings.keyRotationInterval().dividedBy(10);
    return tenth.compareTo(Duration.ofMinutes(5)) < 0 ? tenth : Duration.ofMinutes(5);
  }

  /** Makes a new active key for {@code algorithm} now; the old one keeps verifying its tokens. */
  public String rotate(SigningAlgorithm algorithm) {
    return keys.rotate(algorithm, now(), settings.maxAccessTokenTtl());
  }

  /**
   * Periodic upkeep of this node, on every node: re-reads the keys (dropping ones no live token can
   * need, picking up keys other nodes made) and forgets revocations no live token can need.
   */
  public void refresh() {
    Instant now = now();
    keys.reload(now, settings.maxAccessTokenTtl());
    index.forgetExpired(now);
  }

  /**
   * Periodic upkeep of the store, on one node at a time: rotates keys that are due, deletes dead
   * keys and lapsed blacklist entries.
   */
  public void maintain(int batch) {
    Instant now = now();
    maintainKeys(now);
    keyStore.deleteSigningKeysRetiredBefore(
        now.minus(settings.maxAccessTokenTtl()).minus(KEY_DELETE_MARGIN));
    revocations.purgeBlacklist(now, batch);
  }

  /** The index, for tests and metrics. */
  public RevocationIndex index() {
    return index;
  }

  private void maintainKeys(Instant now) {
    Set<SigningAlgorithm> used = EnumSet.of(settings.algorithm());
    used.addAll(settings.tenantAlgorithms().values());
    for (SigningAlgorithm algorithm : used) {
      keys.ensureActive(algorithm, now, settings.keyRotationInterval(), settings.maxAccessTokenTtl());
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
