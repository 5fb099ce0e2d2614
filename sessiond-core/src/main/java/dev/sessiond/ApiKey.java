package dev.sessiond;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as callers see it: never the key, never its hash.
 *
 * @param id the public id, also the first part of the key
 * @param name a human label; may be empty
 * @param tenantId the one tenant it acts in; {@code null} for every tenant
 * @param methods what its manifest declares
 * @param createdAt when it was made
 * @param createdBy who made it
 * @param revokedAt when it was revoked; {@code null} while live
 */
public record ApiKey(String id, String name, String tenantId, Set<Method> methods,
    Instant createdAt, String createdBy, Instant revokedAt) {
  public ApiKey {
    methods = Set.copyOf(methods);
  }
}
