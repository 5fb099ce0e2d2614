package dev.sessiond.internal;

import java.util.Locale;
import java.util.Optional;

/** Maps enum constants to and from their lowercase wire names ({@code ACTIVE} is {@code "active"}). */
public final class WireName {
  private WireName() {}

  /**
   * Finds the constant whose lowercase name is {@code value}.
   *
   * @return the constant, or empty if {@code value} is {@code null}, not lowercase, or unknown
   */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
