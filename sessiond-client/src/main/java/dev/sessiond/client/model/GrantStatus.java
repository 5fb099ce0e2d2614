package dev.sessiond.client.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A support grant's status: {@code ACTIVE} until {@link SupportGrant#expiresAt()} unless revoked
 * first, {@code REVOKED} when the tenant ended it early, {@code EXPIRED} from its expiry on.
 */
public enum GrantStatus {
  ACTIVE, REVOKED, EXPIRED;

  /** The name the API uses, such as {@code active}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
