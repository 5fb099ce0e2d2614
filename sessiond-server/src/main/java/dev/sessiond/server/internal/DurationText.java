package dev.sessiond.server.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in the config file: a whole number and a unit, one of {@code ms}, {@code
 * s}, {@code m}, {@code h}, {@code d} ({@code 500ms}, {@code 60s}, {@code 30m}, {@code 12h},
 * {@code 30d}). Nothing else is accepted, so a value means one thing only.
 */
public final class DurationText {
  private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

  private DurationText() {}

  /**
   * Parses {@code text}.
   *
   * @param key the config key, for the error message
   * @throws IllegalArgumentException naming {@code key} if {@code text} is not of the form
   */
  public static Duration parse(String key, String text) {
    Matcher m = text == null ? null : FORM.matcher(text.strip());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(key + " must be a whole number and a unit (ms, s, m, h, d),"
          + " such as 30m or 12h");
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      default:
        return Duration.ofDays(amount);
    }
  }
}
