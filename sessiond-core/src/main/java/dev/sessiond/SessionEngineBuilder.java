package dev.sessiond;

import dev.sessiond.store.ApiKeyStore;
import dev.sessiond.store.AuditStore;
import dev.sessiond.store.RefreshTokenStore;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.SessionLimitStore;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.SigningKeyStore;
import dev.sessiond.store.SupportGrantStore;
import dev.sessiond.store.SweepLease;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds a {@link SessionEngine}; obtained from {@link SessionEngine#builder()}. */
public final class SessionEngineBuilder {

  SessionStore store;
  Clock clock = Clock.systemUTC();
  EngineSettings settings = EngineSettings.DEFAULT;
  UserAgentParser userAgents = UserAgentParser.standard();
  TokenSettings tokenSettings;
  List<ExternalIssuer> externalIssuers = List.of();
  Map<String, SessionLimit> sessionLimits = Map.of();
  Duration maxSupportGrant = Duration.ofDays(30);
  Duration auditRetention = Duration.ofDays(90);
  Duration sweepLease = Duration.ofMinutes(3);
  Duration eventRetention = Duration.ofHours(1);
  String bootstrapKey;

  SessionEngineBuilder() {}

  /**
   * Per-tenant limits on active sessions per user, by tenant id; none if not set. The store must
   * then also implement {@link SessionLimitStore}.
   */
  public SessionEngineBuilder sessionLimits(Map<String, SessionLimit> value) {
    this.sessionLimits = Map.copyOf(value);
    return this;
  }

  /** External issuers whose tokens tenants accept as sessions; none if not set. */
  public SessionEngineBuilder externalIssuers(List<ExternalIssuer> value) {
    this.externalIssuers = List.copyOf(value);
    return this;
  }

  /**
   * The token settings. If not set, defaults with a random key-encryption key that lives only as
   * long as this engine: fine for tests, but a restarted engine then cannot sign with the keys it
   * stored (it makes new ones; old tokens still verify).
   */
  public SessionEngineBuilder tokens(TokenSettings value) {
    this.tokenSettings = Objects.requireNonNull(value, "tokens");
    return this;
  }

  /**
   * The store; required. It must also implement {@link RefreshTokenStore}, {@link
   * SigningKeyStore}, {@link RevocationStore}, {@link ApiKeyStore}, {@link SupportGrantStore},
   * {@link AuditStore} and {@link SweepLease}.
   */
  public SessionEngineBuilder store(SessionStore value) {
    this.store = Objects.requireNonNull(value, "store");
    return this;
  }

  /** The clock; the system UTC clock if not set. */
  public SessionEngineBuilder clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** The settings; {@link EngineSettings#DEFAULT} if not set. */
  public SessionEngineBuilder settings(EngineSettings value) {
    this.settings = Objects.requireNonNull(value, "settings");
    return this;
  }

  /** The User-Agent parser; {@link UserAgentParser#standard()} if not set. */
  public SessionEngineBuilder userAgentParser(UserAgentParser value) {
    this.userAgents = Objects.requireNonNull(value, "userAgentParser");
    return this;
  }

  /** The longest a support grant may run; 30 days if not set. */
  public SessionEngineBuilder maxSupportGrant(Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("maxSupportGrant must be positive");
    }
    this.maxSupportGrant = value;
    return this;
  }

  /** How long audit records are kept; 90 days if not set. */
  public SessionEngineBuilder auditRetention(Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("auditRetention must be positive");
    }
    this.auditRetention = value;
    return this;
  }

  /**
   * How long one {@link SessionEngine#sweep} holds the {@link SweepLease} that keeps other nodes
   * sharing the store from sweeping at the same time; 3 minutes if not set. Each sweep renews it,
   * so make it a few times the sweep interval: if this node stops sweeping, another takes over
   * once it ends.
   */
  public SessionEngineBuilder sweepLease(Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("sweepLease must be positive");
    }
    this.sweepLease = value;
    return this;
  }

  /**
   * How long the store keeps events for subscribers to resume from; one hour if not set. A
   * subscriber (or node) away for longer gets a reset and reloads its state.
   *
   * @throws IllegalArgumentException if not positive
   */
  public SessionEngineBuilder eventRetention(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("eventRetention must be positive");
    }
    this.eventRetention = value;
    return this;
  }

  /**
   * The bootstrap key: installed as API key {@code bootstrap} with every method in every tenant
   * (replacing a previous bootstrap key); none if not set.
   */
  public SessionEngineBuilder bootstrapKey(String value) {
    this.bootstrapKey = Objects.requireNonNull(value, "bootstrapKey");
    return this;
  }

  /**
   * The engine: loads signing keys (making any that are missing) and rebuilds the revocation index
   * from the store.
   */
  public SessionEngine build() {
    return new SessionEngine(this);
  }
}
