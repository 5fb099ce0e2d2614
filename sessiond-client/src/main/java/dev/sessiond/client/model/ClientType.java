package dev.sessiond.client.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kind of client a session was opened from; sent and shown in lower case ({@code web}). */
public enum ClientType {
  WEB, MOBILE, DESKTOP, CLI, API;

  /** The name the API uses, such as {@code web}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
