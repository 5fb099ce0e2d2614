package dev.sessiond.server;

import dev.sessiond.EngineSettings;
import dev.sessiond.ExternalIssuer;
import dev.sessiond.SessionLimit;
import dev.sessiond.SessionPolicy;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.server.internal.SecretFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything {@link SessiondServer} needs to start. Build one with {@link #builder()}; every value
 * has a default. The CLI fills it from a YAML file, {@code SESSIOND_*} environment variables and
 * flags (flags win over the environment, the environment over the file, the file over defaults).
 *
 * <p>YAML keys (kebab-case; unknown keys are rejected) and durations: every duration in the file is
 * a whole number followed by a unit, one of {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}
 * (for example {@code 500ms}, {@code 60s}, {@code 30m}, {@code 12h}, {@code 30d}).
 *
 * <pre>
 * host: 0.0.0.0                 # SESSIOND_HOST, --host
 * port: 7233                    # SESSIOND_PORT, --port; 0 picks a free port
 * data-dir: ./data              # SESSIOND_DATA_DIR, --data-dir
 * store: sqlite:./data/sessiond.db   # SESSIOND_STORE, --store; or postgres://user@host/db?schema=s
 *                               # or redis://host:6379, redis-cluster://h1:7001,h2:7002
 *                               # or "memory:" (quoted in YAML)
 * admin-key: ...                # SESSIOND_ADMIN_KEY; else data-dir/admin.key
 * key-encryption-key: ...       # SESSIOND_KEY_ENCRYPTION_KEY: base64 of 32 bytes;
 *                               # else data-dir/signing.kek
 * body-limit-bytes: 65536
 * worker-pool-size: 64
 * sessions:
 *   idle-timeout: 30m
 *   absolute-lifetime: 12h
 *   touch-interval: 60s
 *   retention: 30d
 *   sweep-interval: 60s
 *   tenants:
 *     acme:
 *       idle-timeout: 10m
 *       absolute-lifetime: 8h
 *       access-token-ttl: 2m
 *       algorithm: ES256
 *       external-issuers:         # other issuers whose JWTs this tenant accepts as sessions
 *         - issuer: https://idp.example.com          # required: the exact iss
 *           jwks: https://idp.example.com/jwks.json  # required: https:/http: URL or file path
 *                                                    # (relative: to this file's directory)
 *           audience: api://acme                     # optional: the aud tokens must carry
 *           session-claim: sid                       # default jti
 *           username-claim: email                    # default preferred_username
 *       max-sessions-per-user: 5  # at most 5 active sessions per user; absent: no limit
 *       session-limit-policy: deny_new   # deny_new (default): refuse the open (409);
 *                                        # evict_oldest: revoke the oldest to make room
 *       session-limit-per-client-type: false   # true: count only the new session's client type
 * tokens:
 *   issuer: sessiond
 *   access-token-ttl: 5m
 *   algorithm: EdDSA              # EdDSA, ES256 or RS256
 *   refresh-grace: 30s            # 0s to 300s
 *   key-rotation-interval: 30d
 * audit-retention: 90d          # audit records are kept this long; at least 1d
 * event-retention: 1h           # events stay resumable (Last-Event-ID) this long; 1m to 30d
 * max-support-grant: 30d        # the longest support grant a tenant may give; 1m to 366d
 * rate-limits:                  # none by default: see RateLimits
 *   open:                       # POST /v1/sessions and /v1/sessions/from-token-set
 *     per-key: 200/s            # calls per API key: n/s, n/m or n/h (n may have decimals)
 *     per-key-burst: 400        # default: the rate per second rounded up, at least 1
 *     per-ip: 20/s              # calls per client IP address
 *     per-ip-burst: 40
 *   refresh:                    # POST /v1/sessions/refresh
 *     per-ip: 600/m
 *   introspect:                 # POST /v1/introspect and /oauth2/introspect
 *     per-key: 5000/s
 * </pre>
 *
 * @param host the interface to listen on; never {@code null}
 * @param port the TCP port, 0 to 65535; 0 picks a free one (see {@link SessiondServer#port()})
 * @param dataDir where the SQLite file, {@code admin.key} and {@code signing.kek} live; created
 *     if absent; never {@code null}
 * @param storeUrl {@code sqlite:<file>}, {@code postgres://[user[:password]@]host[:port]/db[?schema=
 *     &pool=&connect-timeout=]} or {@code memory:} (throwaway: nothing survives a restart); {@code
 *     null} or blank means {@code sqlite:<dataDir>/sessiond.db}; {@code
 *     redis://[user[:password]@]host[:port][/db][?prefix=&timeout=]}, {@code rediss://…} (TLS) or
 *     {@code redis-cluster://[user[:password]@]host:port[,host:port…][?prefix=&timeout=]}
 * @param adminKey the bootstrap bearer key, at least 16 characters; {@code null} means read {@code
 *     <dataDir>/admin.key}, generating it (mode 0600) if absent
 * @param bodyLimitBytes the largest request body accepted; larger ones get 413
 * @param workerPoolSize threads that run store calls off the event loop
 * @param engineSettings session timeouts, per-tenant overrides, touch interval and retention;
 *     never {@code null}
 * @param sweepInterval how often expired sessions are marked and old ones purged; positive
 * @param tokens how access and refresh tokens are made; never {@code null}
 * @param keyEncryptionKey the base64 (standard or URL-safe, padding optional) of exactly 32 bytes
 *     that encrypt the signing keys at rest; {@code null} means read {@code
 *     <dataDir>/signing.kek}, generating it (mode 0600) if absent. Never shown by {@link
 *     #toString()}
 * @param externalIssuers issuers whose JWTs tenants accept as sessions; never {@code null}, empty
 *     for none; a tenant lists an issuer at most once. With any, introspection runs on the worker
 *     pool, since the first token of a session records it in the store
 * @param sessionLimits each tenant's cap on a user's active sessions, by tenant id; never {@code
 *     null}, empty for none; a tenant absent from it has no cap. Any cap needs a store that
 *     enforces it ({@code sqlite:} and {@code memory:} do)
 * @param rateLimits how often callers may open, refresh and introspect, per API key and per IP
 *     address; never {@code null}; {@link RateLimits#none()} (the default) for no limits
 * @param auditRetention how long audit records are kept; at least {@link #MIN_AUDIT_RETENTION}
 * @param maxSupportGrant the longest support grant a tenant may give; from {@link
 *     #MIN_MAX_SUPPORT_GRANT} to {@link #MAX_MAX_SUPPORT_GRANT}
 * @param eventRetention how long the event feed stays resumable; from {@link
 *     #MIN_EVENT_RETENTION} to {@link #MAX_EVENT_RETENTION}
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String storeUrl,
    String adminKey,
    int bodyLimitBytes,
    int workerPoolSize,
    EngineSettings engineSettings,
    Duration sweepInterval,
    TokenConfig tokens,
    String keyEncryptionKey,
    List<ExternalIssuer> externalIssuers,
    Map<String, SessionLimit> sessionLimits,
    RateLimits rateLimits,
    Duration auditRetention,
    Duration maxSupportGrant,
    Duration eventRetention) {

  /** The default port. */
  public static final int DEFAULT_PORT = 7233;
  /** The default interface: all of them. */
  public static final String DEFAULT_HOST = "0.0.0.0";
  /** The default data directory, relative to the working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");
  /** The default request body limit: 64 KiB. */
  public static final int DEFAULT_BODY_LIMIT_BYTES = 65536;
  /** The default number of store worker threads. */
  public static final int DEFAULT_WORKER_POOL_SIZE = 64;
  /** The default sweep interval. */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(60);
  /** The shortest admin key accepted. */
  public static final int MIN_ADMIN_KEY_LENGTH = 16;
  /** The default audit retention: 90 days. */
  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(90);
  /** The shortest audit retention accepted: 1 day. */
  public static final Duration MIN_AUDIT_RETENTION = Duration.ofDays(1);
  /** The default longest support grant: 30 days. */
  public static final Duration DEFAULT_MAX_SUPPORT_GRANT = Duration.ofDays(30);
  /** The default event retention: 1 hour. */
  public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofHours(1);
  /** The shortest event retention accepted: 1 minute. */
  public static final Duration MIN_EVENT_RETENTION = Duration.ofMinutes(1);
  /** The longest event retention accepted: 30 days. */
  public static final Duration MAX_EVENT_RETENTION = Duration.ofDays(30);
  /** The lowest value accepted for the longest support grant: 1 minute. */
  public static final Duration MIN_MAX_SUPPORT_GRANT = Duration.ofMinutes(1);
  /** The highest value accepted for the longest support grant: 366 days. */
  public static final Duration MAX_MAX_SUPPORT_GRANT = Duration.ofDays(366);

  private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(engineSettings, "engineSettings");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(auditRetention, "auditRetention");
    Objects.requireNonNull(maxSupportGrant, "maxSupportGrant");
    Objects.requireNonNull(eventRetention, "eventRetention");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (storeUrl != null && storeUrl.isBlank()) {
      storeUrl = null;
    }
    if (adminKey != null && adminKey.strip().length() < MIN_ADMIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "the admin key must be at least " + MIN_ADMIN_KEY_LENGTH + " characters");
    }
    if (bodyLimitBytes < 1) {
      throw new IllegalArgumentException("body limit must be at least 1 byte");
    }
    if (workerPoolSize < 1) {
      throw new IllegalArgumentException("worker pool size must be at least 1");
    }
    if (sweepInterval.isNegative() || sweepInterval.isZero()) {
      throw new IllegalArgumentException("sweep interval must be positive");
    }
    if (keyEncryptionKey != null) {
      keyEncryptionKey = keyEncryptionKey.strip();
      SecretFiles.decodeKeyEncryptionKey("the key-encryption key", keyEncryptionKey);
    }
    externalIssuers = List.copyOf(Objects.requireNonNull(externalIssuers, "externalIssuers"));
    Set<List<String>> seen = new HashSet<>();
    for (ExternalIssuer issuer : externalIssuers) {
      if (!TENANT_ID.matcher(issuer.tenantId()).matches()) {
        throw new IllegalArgumentException(
            "an external issuer's tenant id is 1 to 64 of A-Z a-z 0-9 . _ -");
      }
      if (!seen.add(List.of(issuer.tenantId(), issuer.issuer()))) {
        throw new IllegalArgumentException("tenant " + issuer.tenantId()
            + " lists external issuer " + issuer.issuer() + " more than once");
      }
    }
    sessionLimits = Map.copyOf(Objects.requireNonNull(sessionLimits, "sessionLimits"));
    for (String tenantId : sessionLimits.keySet()) {
      if (!TENANT_ID.matcher(tenantId).matches()) {
        throw new IllegalArgumentException(
            "a session limit's tenant id is 1 to 64 of A-Z a-z 0-9 . _ -");
      }
    }
    if (auditRetention.compareTo(MIN_AUDIT_RETENTION) < 0) {
      throw new IllegalArgumentException("audit retention must be at least 1 day");
    }
    if (maxSupportGrant.compareTo(MIN_MAX_SUPPORT_GRANT) < 0
        || maxSupportGrant.compareTo(MAX_MAX_SUPPORT_GRANT) > 0) {
      throw new IllegalArgumentException(
          "the longest support grant must be from 1 minute to 366 days");
    }
    if (eventRetention.compareTo(MIN_EVENT_RETENTION) < 0
        || eventRetention.compareTo(MAX_EVENT_RETENTION) > 0) {
      throw new IllegalArgumentException("event retention must be from 1 minute to 30 days");
    }
  }

  /** A builder holding every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The store URL in force: {@link #storeUrl()}, or {@code sqlite:<dataDir>/sessiond.db}. */
  public String effectiveStoreUrl() {
    return storeUrl != null ? storeUrl : "sqlite:" + dataDir.resolve("sessiond.db");
  }

  /** A builder initialised from this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .host(host).port(port).dataDir(dataDir).storeUrl(storeUrl).adminKey(adminKey)
        .bodyLimitBytes(bodyLimitBytes).workerPoolSize(workerPoolSize)
        .engineSettings(engineSettings).sweepInterval(sweepInterval)
        .tokens(tokens).keyEncryptionKey(keyEncryptionKey).externalIssuers(externalIssuers)
        .sessionLimits(sessionLimits).rateLimits(rateLimits).auditRetention(auditRetention)
        .maxSupportGrant(maxSupportGrant).eventRetention(eventRetention);
  }

  /** Like the record's, but the admin key and the key-encryption key are never shown. */
  @Override
  public String toString() {
    return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir
        + ", storeUrl=" + effectiveStoreUrl() + ", adminKey=" + (adminKey == null ? "(file)" : "***")
        + ", bodyLimitBytes=" + bodyLimitBytes + ", workerPoolSize=" + workerPoolSize
        + ", engineSettings=" + engineSettings + ", sweepInterval=" + sweepInterval
        + ", tokens=" + tokens
        + ", keyEncryptionKey=" + (keyEncryptionKey == null ? "(file)" : "***")
        + ", externalIssuers=" + externalIssuers.stream()
            .map(i -> i.tenantId() + ":" + i.issuer()).collect(Collectors.toList())
        + ", sessionLimits=" + sessionLimits + ", rateLimits=" + rateLimits
        + ", auditRetention=" + auditRetention + ", maxSupportGrant=" + maxSupportGrant
        + ", eventRetention=" + eventRetention + "]";
  }

  /** Builds a {@link ServerConfig}; every setter takes the value as is and checks it at build. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Path dataDir = DEFAULT_DATA_DIR;
    private String storeUrl;
    private String adminKey;
    private int bodyLimitBytes = DEFAULT_BODY_LIMIT_BYTES;
    private int workerPoolSize = DEFAULT_WORKER_POOL_SIZE;
    private SessionPolicy defaultPolicy = EngineSettings.DEFAULT.defaultPolicy();
    private final Map<String, SessionPolicy> tenantPolicies = new LinkedHashMap<>();
    private Duration touchInterval = EngineSettings.DEFAULT.touchInterval();
    private Duration retention = EngineSettings.DEFAULT.retention();
    private int sweepBatchSize = EngineSettings.DEFAULT.sweepBatchSize();
    private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
    private String issuer = TokenConfig.DEFAULT.issuer();
    private Duration accessTokenTtl = TokenConfig.DEFAULT.accessTokenTtl();
    private final Map<String, Duration> tenantAccessTokenTtls = new LinkedHashMap<>();
    private SigningAlgorithm algorithm = TokenConfig.DEFAULT.algorithm();
    private final Map<String, SigningAlgorithm> tenantAlgorithms = new LinkedHashMap<>();
    private Duration refreshGrace = TokenConfig.DEFAULT.refreshGrace();
    private Duration keyRotationInterval = TokenConfig.DEFAULT.keyRotationInterval();
    private String keyEncryptionKey;
    private final List<ExternalIssuer> externalIssuers = new ArrayList<>();
    private final Map<String, SessionLimit> sessionLimits = new LinkedHashMap<>();
    private RateLimits rateLimits = RateLimits.none();
    private Duration eventRetention = DEFAULT_EVENT_RETENTION;
    private Duration auditRetention = DEFAULT_AUDIT_RETENTION;
    private Duration maxSupportGrant = DEFAULT_MAX_SUPPORT_GRANT;

    private Builder() {}

    /** The interface to listen on; default {@value ServerConfig#DEFAULT_HOST}. */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** The port; default {@value ServerConfig#DEFAULT_PORT}; 0 picks a free one. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** The data directory; default {@code ./data}. */
    public Builder dataDir(Path value) {
      this.dataDir = value;
      return this;
    }

    /** The store URL; {@code null} (the default) means SQLite in the data directory. */
    public Builder storeUrl(String value) {
      this.storeUrl = value;
      return this;
    }

    /** The admin key; {@code null} (the default) means the {@code admin.key} file. */
    public Builder adminKey(String value) {
      this.adminKey = value;
      return this;
    }

    /** The request body limit; default 65536. */
    public Builder bodyLimitBytes(int value) {
      this.bodyLimitBytes = value;
      return this;
    }

    /** The store worker pool size; default {@value ServerConfig#DEFAULT_WORKER_POOL_SIZE}. */
    public Builder workerPoolSize(int value) {
      this.workerPoolSize = value;
      return this;
    }

    /** The default idle timeout; default 30 minutes. */
    public Builder idleTimeout(Duration value) {
      this.defaultPolicy = new SessionPolicy(value, defaultPolicy.absoluteLifetime());
      return this;
    }

    /** The default absolute lifetime; default 12 hours. */
    public Builder absoluteLifetime(Duration value) {
      this.defaultPolicy = new SessionPolicy(defaultPolicy.idleTimeout(), value);
      return this;
    }

    /** Timeouts for one tenant, replacing any set before for it. */
    public Builder tenantPolicy(String tenantId, SessionPolicy policy) {
      tenantPolicies.put(Objects.requireNonNull(tenantId, "tenantId"),
          Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /** How often activity is written per session; default 60 seconds. */
    public Builder touchInterval(Duration value) {
      this.touchInterval = value;
      return this;
    }

    /** How long ended sessions are kept; default 30 days. */
    public Builder retention(Duration value) {
      this.retention = value;
      return this;
    }

    /** How often the sweep runs; default 60 seconds. */
    public Builder sweepInterval(Duration value) {
      this.sweepInterval = value;
      return this;
    }

    /** Replaces every engine setting (timeouts, tenant overrides, touch interval, retention). */
    public Builder engineSettings(EngineSettings value) {
      this.defaultPolicy = value.defaultPolicy();
      this.tenantPolicies.clear();
      this.tenantPolicies.putAll(value.tenantPolicies());
      this.touchInterval = value.touchInterval();
      this.retention = value.retention();
      this.sweepBatchSize = value.sweepBatchSize();
      return this;
    }

    /** The {@code iss} of every access token; default {@code sessiond}. */
    public Builder issuer(String value) {
      this.issuer = value;
      return this;
    }

    /** The access-token lifetime; default 5 minutes. */
    public Builder accessTokenTtl(Duration value) {
      this.accessTokenTtl = value;
      return this;
    }

    /** The access-token lifetime of one tenant, replacing any set before for it. */
    public Builder tenantAccessTokenTtl(String tenantId, Duration value) {
      tenantAccessTokenTtls.put(Objects.requireNonNull(tenantId, "tenantId"),
          Objects.requireNonNull(value, "accessTokenTtl"));
      return this;
    }

    /** The signing algorithm; default EdDSA. */
    public Builder signingAlgorithm(SigningAlgorithm value) {
      this.algorithm = value;
      return this;
    }

    /** The signing algorithm of one tenant, replacing any set before for it. */
    public Builder tenantSigningAlgorithm(String tenantId, SigningAlgorithm value) {
      tenantAlgorithms.put(Objects.requireNonNull(tenantId, "tenantId"),
          Objects.requireNonNull(value, "algorithm"));
      return this;
    }

    /** How long a rotated-away refresh token still refreshes; default 30 seconds, 0 to 300. */
    public Builder refreshGrace(Duration value) {
      this.refreshGrace = value;
      return this;
    }

    /** How long a signing key signs before it is replaced; default 30 days. */
    public Builder keyRotationInterval(Duration value) {
      this.keyRotationInterval = value;
      return this;
    }

    /** Replaces every token setting (issuer, lifetimes, algorithms, grace, rotation). */
    public Builder tokens(TokenConfig value) {
      this.issuer = value.issuer();
      this.accessTokenTtl = value.accessTokenTtl();
      this.tenantAccessTokenTtls.clear();
      this.tenantAccessTokenTtls.putAll(value.tenantAccessTokenTtls());
      this.algorithm = value.algorithm();
      this.tenantAlgorithms.clear();
      this.tenantAlgorithms.putAll(value.tenantAlgorithms());
      this.refreshGrace = value.refreshGrace();
      this.keyRotationInterval = value.keyRotationInterval();
      return this;
    }

    /**
     * The key-encryption key, base64 of exactly 32 bytes; {@code null} (the default) means the
     * {@code signing.kek} file.
     */
    public Builder keyEncryptionKey(String value) {
      this.keyEncryptionKey = value;
      return this;
    }

    /** Adds an issuer whose JWTs its tenant accepts as sessions; none by default. */
    public Builder externalIssuer(ExternalIssuer value) {
      externalIssuers.add(Objects.requireNonNull(value, "externalIssuer"));
      return this;
    }

    /** Replaces every external issuer. */
    public Builder externalIssuers(List<ExternalIssuer> value) {
      externalIssuers.clear();
      externalIssuers.addAll(value);
      return this;
    }

    /** The cap on each user's active sessions in one tenant, replacing any set before for it. */
    public Builder sessionLimit(String tenantId, SessionLimit value) {
      sessionLimits.put(Objects.requireNonNull(tenantId, "tenantId"),
          Objects.requireNonNull(value, "sessionLimit"));
      return this;
    }

    /** Replaces every tenant's session limit; an empty map (the default) means no caps. */
    public Builder sessionLimits(Map<String, SessionLimit> value) {
      sessionLimits.clear();
      sessionLimits.putAll(value);
      return this;
    }

    /** How often callers may open, refresh and introspect; default {@link RateLimits#none()}. */
    public Builder rateLimits(RateLimits value) {
      this.rateLimits = value;
      return this;
    }

    /** How long the event feed stays resumable; {@link #DEFAULT_EVENT_RETENTION} if not set. */
    public Builder eventRetention(Duration value) {
      this.eventRetention = value;
      return this;
    }

    /** How long audit records are kept; default 90 days, at least 1 day. */
    public Builder auditRetention(Duration value) {
      this.auditRetention = value;
      return this;
    }

    /** The longest support grant a tenant may give; default 30 days, 1 minute to 366 days. */
    public Builder maxSupportGrant(Duration value) {
      this.maxSupportGrant = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException if a value is out of range
     * @throws NullPointerException if a required value was set to {@code null}
     */
    public ServerConfig build() {
      EngineSettings settings = new EngineSettings(
          defaultPolicy, tenantPolicies, touchInterval, retention, sweepBatchSize);
      TokenConfig tokens = new TokenConfig(issuer, accessTokenTtl, tenantAccessTokenTtls,
          algorithm, tenantAlgorithms, refreshGrace, keyRotationInterval);
      return new ServerConfig(host, port, dataDir, storeUrl, adminKey, bodyLimitBytes,
          workerPoolSize, settings, sweepInterval, tokens, keyEncryptionKey, externalIssuers,
          sessionLimits, rateLimits, auditRetention, maxSupportGrant, eventRetention);
    }
  }
}
