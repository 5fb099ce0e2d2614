package dev.sessiond.client.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A session's effective status; shown in lower case ({@code active}). */
public enum SessionStatus {
  ACTIVE, REVOKED, EXPIRED;

  /** The name the API uses, such as {@code active}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
