package dev.sessiond;

import dev.sessiond.internal.WireName;
import java.util.Locale;
import java.util.Optional;

/** The kind of client a session was opened from. Serialized in lowercase ({@code web}, {@code mobile}, ...). */
public enum ClientType {
  WEB,
  MOBILE,
  DESKTOP,
  CLI,
  API;

  /** The wire name: the constant in lowercase. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name.
   *
   * @param value a wire name such as {@code "web"}; may be {@code null}
   * @return the client type, or empty if {@code value} is {@code null} or not a known name
   */
  public static Optional<ClientType> fromWire(String value) {
    return WireName.parse(ClientType.class, value);
  }
}
