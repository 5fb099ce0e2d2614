package dev.sessiond.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An API key as a store keeps it: never the key itself, only its SHA-256.
 *
 * @param id the public key id, 1 to 64 characters of {@code [a-z0-9_-]}; never {@code null}
 * @param name a human label; never {@code null}, may be empty
 * @param tenantId the one tenant the key may act in, or {@link #ALL_TENANTS}; never {@code null}
 * @param methods the wire names of the methods the key may call (such as {@code sessions.search});
 *     never {@code null}; copied
 * @param secretHash the SHA-256 of the whole key, 64 lowercase hex characters; never {@code null}
 * @param createdAt when it was made; never {@code null}
 * @param createdBy who made it, such as {@code api_key:bootstrap}; never {@code null}
 * @param revokedAt when it was revoked; {@code null} while it is live
 */
public record ApiKeyRecord(String id, String name, String tenantId, Set<String> methods,
    String secretHash, Instant createdAt, String createdBy, Instant revokedAt) {
  /** The {@link #tenantId} of a key that may act in every tenant. */
  public static final String ALL_TENANTS = "*";

  private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public ApiKeyRecord {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("an API key id is 1 to 64 characters of [a-z0-9_-]");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tenantId, "tenantId");
    methods = Set.copyOf(methods);
    Objects.requireNonNull(secretHash, "secretHash");
    if (!HASH.matcher(secretHash).matches()) {
      throw new IllegalArgumentException("secretHash must be 64 lowercase hex characters");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  /** Whether the key is live (not revoked). */
  public boolean isLive() {
    return revokedAt == null;
  }

  /** This key revoked at {@code at}. */
  public ApiKeyRecord revokedAt(Instant at) {
    return new ApiKeyRecord(id, name, tenantId, methods, secretHash, createdAt, createdBy,
        Objects.requireNonNull(at, "at"));
  }
}
