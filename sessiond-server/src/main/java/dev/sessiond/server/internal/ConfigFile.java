package dev.sessiond.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sessiond.SessionLimit;
import dev.sessiond.SessionPolicy;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.TokenSettings;
import dev.sessiond.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The YAML config file. Keys are kebab-case; an unknown key is an error naming it and the keys
 * known at that place. See {@link ServerConfig} for every key and {@link DurationText} for
 * durations.
 */
final class ConfigFile {
  private static final ObjectReader READER = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build()
      .readerFor(Root.class);

  private static final java.util.regex.Pattern TENANT_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private ConfigFile() {}

  /**
   * Reads {@code file} and applies what it sets to {@code builder}.
   *
   * @throws IllegalArgumentException with a message naming the file and the key at fault
   */
  static void apply(Path file, ServerConfig.Builder builder) {
    Root root = read(file);
    if (root == null) {
      return;
    }
    Path baseDir = file.toAbsolutePath().getParent();
    try {
      root.applyTo(builder, baseDir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Root read(Path file) {
    try {
      return READER.readValue(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("config file " + file + " does not exist", e);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("config file " + file + ": unknown key '"
          + path(e) + "'; known keys here: "
          + String.join(", ", new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf)
              .collect(java.util.stream.Collectors.toList()))), e);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException("config file " + file + ": '" + path(e)
          + "' has the wrong type" + line(e), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config file " + file + " is not valid YAML" + line(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e, e);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String line(JsonProcessingException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1
        ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  /** The top level of the file. */
  record Root(
      @JsonProperty("host") String host,
      @JsonProperty("port") Integer port,
      @JsonProperty("data-dir") String dataDir,
      @JsonProperty("store") String store,
      @JsonProperty("admin-key") String adminKey,
      @JsonProperty("key-encryption-key") String keyEncryptionKey,
      @JsonProperty("body-limit-bytes") Integer bodyLimitBytes,
      @JsonProperty("worker-pool-size") Integer workerPoolSize,
      @JsonProperty("sessions") Sessions sessions,
      @JsonProperty("tokens") Tokens tokens,
      @JsonProperty("audit-retention") String auditRetention,
      @JsonProperty("max-support-grant") String maxSupportGrant,
      @JsonProperty("event-retention") String eventRetention,
      @JsonProperty("rate-limits") Map<String, RateLimitsSection.OperationLimits> rateLimits) {

    void applyTo(ServerConfig.Builder b, Path baseDir) {
      if (host != null) {
        b.host(host);
      }
      if (port != null) {
        b.port(port);
      }
      if (dataDir != null) {
        b.dataDir(Path.of(dataDir));
      }
      if (store != null) {
        b.storeUrl(store);
      }
      if (adminKey != null) {
        b.adminKey(adminKey);
      }
      if (keyEncryptionKey != null) {
        SecretFiles.decodeKeyEncryptionKey("key-encryption-key", keyEncryptionKey);
        b.keyEncryptionKey(keyEncryptionKey);
      }
      if (bodyLimitBytes != null) {
        b.bodyLimitBytes(bodyLimitBytes);
      }
      if (workerPoolSize != null) {
        b.workerPoolSize(workerPoolSize);
      }
      if (sessions != null) {
        sessions.applyTo(b, baseDir);
      }
      if (tokens != null) {
        tokens.applyTo(b);
      }
      if (auditRetention != null) {
        b.auditRetention(within("audit-retention", auditRetention,
            ServerConfig.MIN_AUDIT_RETENTION, null, "at least 1d"));
      }
      if (eventRetention != null) {
        b.eventRetention(within("event-retention", eventRetention,
            ServerConfig.MIN_EVENT_RETENTION, ServerConfig.MAX_EVENT_RETENTION, "1m to 30d"));
      }
      if (maxSupportGrant != null) {
        b.maxSupportGrant(within("max-support-grant", maxSupportGrant,
            ServerConfig.MIN_MAX_SUPPORT_GRANT, ServerConfig.MAX_MAX_SUPPORT_GRANT,
            "from 1m to 366d"));
      }
      if (rateLimits != null) {
        b.rateLimits(RateLimitsSection.toRateLimits(rateLimits));
      }
    }
  }

  /** The {@code tokens:} section. */
  record Tokens(
      @JsonProperty("issuer") String issuer,
      @JsonProperty("access-token-ttl") String accessTokenTtl,
      @JsonProperty("algorithm") String algorithm,
      @JsonProperty("refresh-grace") String refreshGrace,
      @JsonProperty("key-rotation-interval") String keyRotationInterval) {

    void applyTo(ServerConfig.Builder b) {
      if (issuer != null) {
        if (issuer.isBlank()) {
          throw new IllegalArgumentException("tokens.issuer must not be blank");
        }
        b.issuer(issuer);
      }
      if (accessTokenTtl != null) {
        b.accessTokenTtl(positive("tokens.access-token-ttl", accessTokenTtl));
      }
      if (algorithm != null) {
        b.signingAlgorithm(parseAlgorithm("tokens.algorithm", algorithm));
      }
      if (refreshGrace != null) {
        Duration grace = DurationText.parse("tokens.refresh-grace", refreshGrace);
        if (grace.compareTo(TokenSettings.MAX_REFRESH_GRACE) > 0) {
          throw new IllegalArgumentException("tokens.refresh-grace must be from 0s to 300s");
        }
        b.refreshGrace(grace);
      }
      if (keyRotationInterval != null) {
        b.keyRotationInterval(positive("tokens.key-rotation-interval", keyRotationInterval));
      }
    }
  }

  /** The {@code sessions:} section. */
  record Sessions(
      @JsonProperty("idle-timeout") String idleTimeout,
      @JsonProperty("absolute-lifetime") String absoluteLifetime,
      @JsonProperty("touch-interval") String touchInterval,
      @JsonProperty("retention") String retention,
      @JsonProperty("sweep-interval") String sweepInterval,
      @JsonProperty("tenants") Map<String, Tenant> tenants) {

    void applyTo(ServerConfig.Builder b, Path baseDir) {
      SessionPolicy policy = policy("sessions", idleTimeout, absoluteLifetime, SessionPolicy.DEFAULT);
      b.idleTimeout(policy.idleTimeout()).absoluteLifetime(policy.absoluteLifetime());
      if (touchInterval != null) {
        b.touchInterval(DurationText.parse("sessions.touch-interval", touchInterval));
      }
      if (retention != null) {
        b.retention(DurationText.parse("sessions.retention", retention));
      }
      if (sweepInterval != null) {
        b.sweepInterval(DurationText.parse("sessions.sweep-interval", sweepInterval));
      }
      if (tenants != null) {
        tenants.forEach((tenantId, tenant) -> {
          String where = "sessions.tenants." + tenantId;
          if (!TENANT_ID.matcher(tenantId).matches()) {
            throw new IllegalArgumentException(where + ": a tenant id is 1 to 64 of A-Z a-z 0-9 . _ -");
          }
          if (tenant == null) {
            throw new IllegalArgumentException(where + " must set idle-timeout, "
                + "absolute-lifetime, access-token-ttl, algorithm, external-issuers or "
                + "max-sessions-per-user");
          }
          if (tenant.idleTimeout() != null || tenant.absoluteLifetime() != null) {
            b.tenantPolicy(tenantId,
                policy(where, tenant.idleTimeout(), tenant.absoluteLifetime(), policy));
          }
          if (tenant.accessTokenTtl() != null) {
            b.tenantAccessTokenTtl(tenantId,
                positive(where + ".access-token-ttl", tenant.accessTokenTtl()));
          }
          if (tenant.algorithm() != null) {
            b.tenantSigningAlgorithm(tenantId,
                parseAlgorithm(where + ".algorithm", tenant.algorithm()));
          }
          if (tenant.externalIssuers() != null) {
            for (int i = 0; i < tenant.externalIssuers().size(); i++) {
              String at = where + ".external-issuers[" + i + "]";
              ExternalIssuerEntry entry = tenant.externalIssuers().get(i);
              if (entry == null) {
                throw new IllegalArgumentException(at + " must set issuer and jwks");
              }
              b.externalIssuer(entry.toIssuer(tenantId, at, baseDir));
            }
          }
          SessionLimit limit = tenant.sessionLimit(where);
          if (limit != null) {
            b.sessionLimit(tenantId, limit);
          }
        });
      }
    }
  }

  /** One entry under {@code sessions.tenants}; what it leaves out comes from the defaults. */
  record Tenant(
      @JsonProperty("idle-timeout") String idleTimeout,
      @JsonProperty("absolute-lifetime") String absoluteLifetime,
      @JsonProperty("access-token-ttl") String accessTokenTtl,
      @JsonProperty("algorithm") String algorithm,
      @JsonProperty("external-issuers") List<ExternalIssuerEntry> externalIssuers,
      @JsonProperty("max-sessions-per-user") Object maxSessionsPerUser,
      @JsonProperty("session-limit-policy") Object sessionLimitPolicy,
      @JsonProperty("session-limit-per-client-type") Object sessionLimitPerClientType) {

    /**
     * The tenant's session limit, or {@code null} if it sets none. The values are taken as YAML
     * gives them (not coerced), so {@code 5.5}, {@code "5"} or {@code "yes"} are errors.
     *
     * @throws IllegalArgumentException naming the key at fault
     */
    SessionLimit sessionLimit(String where) {
      if (maxSessionsPerUser == null) {
        if (sessionLimitPolicy != null || sessionLimitPerClientType != null) {
          throw new IllegalArgumentException(where + ": "
              + (sessionLimitPolicy != null ? "session-limit-policy" : "session-limit-per-client-type")
              + " needs max-sessions-per-user");
        }
        return null;
      }
      if (!(maxSessionsPerUser instanceof Integer max) || max < 1) {
        throw new IllegalArgumentException(
            where + ".max-sessions-per-user must be a whole number of at least 1");
      }
      SessionLimit.Policy policy = SessionLimit.Policy.DENY_NEW;
      if (sessionLimitPolicy != null) {
        if ("evict_oldest".equals(sessionLimitPolicy)) {
          policy = SessionLimit.Policy.EVICT_OLDEST;
        } else if (!"deny_new".equals(sessionLimitPolicy)) {
          throw new IllegalArgumentException(
              where + ".session-limit-policy must be deny_new or evict_oldest");
        }
      }
      boolean perClientType = false;
      if (sessionLimitPerClientType != null) {
        if (!(sessionLimitPerClientType instanceof Boolean flag)) {
          throw new IllegalArgumentException(
              where + ".session-limit-per-client-type must be true or false");
        }
        perClientType = flag;
      }
      return new SessionLimit(max, policy, perClientType);
    }
  }

  private static Duration positive(String key, String text) {
    Duration value = DurationText.parse(key, text);
    if (value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive");
    }
    return value;
  }

  /** The duration at {@code key}, from {@code min} to {@code max} ({@code null}: no maximum). */
  private static Duration within(String key, String text, Duration min, Duration max,
      String range) {
    Duration value = DurationText.parse(key, text);
    if (value.compareTo(min) < 0 || (max != null && value.compareTo(max) > 0)) {
      throw new IllegalArgumentException(key + " must be " + range);
    }
    return value;
  }

  private static SigningAlgorithm parseAlgorithm(String key, String text) {
    return AlgorithmNames.parse(text).orElseThrow(() ->
        new IllegalArgumentException(key + " must be one of " + AlgorithmNames.LIST));
  }

  private static SessionPolicy policy(
      String where, String idle, String lifetime, SessionPolicy fallback) {
    try {
      return new SessionPolicy(
          idle == null ? fallback.idleTimeout() : DurationText.parse(where + ".idle-timeout", idle),
          lifetime == null ? fallback.absoluteLifetime()
              : DurationText.parse(where + ".absolute-lifetime", lifetime));
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith(where)) {
        throw e;
      }
      throw new IllegalArgumentException(where + ": timeouts must be positive", e);
    }
  }
}
