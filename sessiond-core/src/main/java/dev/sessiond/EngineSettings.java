package dev.sessiond;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Tunables of the {@link SessionEngine}.
 *
 * @param defaultPolicy timeouts for tenants without their own; never {@code null}
 * @param tenantPolicies per-tenant timeouts by tenant id; never {@code null}; copied
 * @param touchInterval at most one store write per session per interval records activity; zero
 *     writes every touch
 * @param retention how long ended sessions are kept for audit before they are purged
 * @param sweepBatchSize how many rows one sweep step expires or purges at a time
 */
public record EngineSettings(
    SessionPolicy defaultPolicy,
    Map<String, SessionPolicy> tenantPolicies,
    Duration touchInterval,
    Duration retention,
    int sweepBatchSize) {

  /** 30 min idle, 12 h lifetime, touches coalesced per minute, 30 days retention, batches of 500. */
  public static final EngineSettings DEFAULT =
      new EngineSettings(SessionPolicy.DEFAULT, Map.of(), Duration.ofMinutes(1),
          Duration.ofDays(30), 500);

  public EngineSettings {
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    tenantPolicies = Map.copyOf(tenantPolicies);
    Objects.requireNonNull(touchInterval, "touchInterval");
    Objects.requireNonNull(retention, "retention");
    if (touchInterval.isNegative()) {
      throw new IllegalArgumentException("touchInterval must not be negative");
    }
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative");
    }
    if (sweepBatchSize < 1) {
      throw new IllegalArgumentException("sweepBatchSize must be at least 1");
    }
  }

  /** The timeouts that apply to {@code tenantId}: its own, or the default. */
  public SessionPolicy policyFor(String tenantId) {
    return tenantPolicies.getOrDefault(tenantId, defaultPolicy);
  }

  /** These settings with another default policy. */
  public EngineSettings withDefaultPolicy(SessionPolicy policy) {
    return new EngineSettings(policy, tenantPolicies, touchInterval, retention, sweepBatchSize);
  }

  /** These settings with other per-tenant policies. */
  public EngineSettings withTenantPolicies(Map<String, SessionPolicy> policies) {
    return new EngineSettings(defaultPolicy, policies, touchInterval, retention, sweepBatchSize);
  }

  /** These settings with another touch interval. */
  public EngineSettings withTouchInterval(Duration interval) {
    return new EngineSettings(defaultPolicy, tenantPolicies, interval, retention, sweepBatchSize);
  }

  /** These settings with another retention window. */
  public EngineSettings withRetention(Duration window) {
    return new EngineSettings(defaultPolicy, tenantPolicies, touchInterval, window, sweepBatchSize);
  }

  /** These settings with another sweep batch size. */
  public EngineSettings withSweepBatchSize(int size) {
    return new EngineSettings(defaultPolicy, tenantPolicies, touchInterval, retention, size);
  }
}
