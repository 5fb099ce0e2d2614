package dev.sessiond.client.model;

import java.time.Instant;
import java.util.List;

/**
 * An API key's description (never the key itself).
 *
 * @param id the public id: the 16 hex characters after {@code sk_}, or {@code bootstrap}
 * @param name empty when none was given
 * @param tenantId the one tenant it acts in; {@code null} for every tenant
 * @param methods what it may call, such as {@code sessions.search}; never {@code null}
 * @param createdBy such as {@code api_key:bootstrap}
 * @param revokedAt {@code null} while live
 */
public record ApiKey(String id, String name, String tenantId, List<String> methods,
    Instant createdAt, String createdBy, Instant revokedAt) {
  public ApiKey {
    methods = methods == null ? List.of() : List.copyOf(methods);
  }

  /** Whether it has not been revoked. */
  public boolean isLive() {
    return revokedAt == null;
  }
}
