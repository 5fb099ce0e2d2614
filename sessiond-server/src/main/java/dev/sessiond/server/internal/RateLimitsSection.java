package dev.sessiond.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sessiond.server.RateLimits;
import dev.sessiond.server.RateLimits.Operation;
import dev.sessiond.server.RateLimits.Rate;
import dev.sessiond.server.RateLimits.Scope;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code rate-limits:} section of the YAML file. Each operation may set a rate per API key
 * and per client IP address, each with an optional burst; what it leaves out is unlimited.
 *
 * <pre>
 * rate-limits:
 *   open:       { per-key: 200/s, per-ip: 20/s, per-ip-burst: 40 }
 *   refresh:    { per-ip: 600/m }
 *   introspect: { per-key: 5000/s, per-key-burst: 10000 }
 * </pre>
 *
 * A rate is a number of calls (decimals allowed) per second, minute or hour: {@code 20/s}, {@code
 * 600/m}, {@code 0.5/s}, {@code 30/h}; from {@code 1/h} to {@code 1000000/s}. A burst is a whole
 * number from 1 to 1000000; by default one second's worth of calls, rounded up, at least 1.
 */
final class RateLimitsSection {
  private static final Pattern RATE = Pattern.compile("([0-9]{1,9}(?:\\.[0-9]{1,9})?)/(s|m|h)");
  private static final Map<String, Operation> OPERATIONS = Arrays.stream(Operation.values())
      .collect(Collectors.toMap(Operation::wireName, o -> o));

  private RateLimitsSection() {}

  /**
   * The limits {@code section} sets. A map rather than a record, so that an operation written
   * with nothing under it is reported rather than taken as absent.
   *
   * @throws IllegalArgumentException naming the key at fault
   */
  static RateLimits toRateLimits(Map<String, OperationLimits> section) {
    RateLimits limits = RateLimits.none();
    for (Map.Entry<String, OperationLimits> entry : section.entrySet()) {
      String where = "rate-limits." + entry.getKey();
      Operation operation = OPERATIONS.get(entry.getKey());
      if (operation == null) {
        throw new IllegalArgumentException("unknown key '" + where + "'; known keys here: "
            + String.join(", ", new TreeSet<>(OPERATIONS.keySet())));
      }
      OperationLimits given = entry.getValue();
      Rate key = given == null ? null
          : rate(where + ".per-key", given.perKey(), given.perKeyBurst());
      Rate ip = given == null ? null : rate(where + ".per-ip", given.perIp(), given.perIpBurst());
      if (key == null && ip == null) {
        throw new IllegalArgumentException(where + " must set per-key or per-ip");
      }
      if (key != null) {
        limits = limits.with(operation, Scope.KEY, key);
      }
      if (ip != null) {
        limits = limits.with(operation, Scope.IP, ip);
      }
    }
    return limits;
  }

  /** The rate at {@code key}, or {@code null} if neither it nor its burst is set. */
  private static Rate rate(String key, String text, Object burst) {
    if (text == null) {
      if (burst != null) {
        throw new IllegalArgumentException(key + "-burst needs " + key);
      }
      return null;
    }
    Matcher m = RATE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(key + " must be a number of calls per second, minute or "
          + "hour, such as 20/s, 600/m or 30/h");
    }
    double perSecond = Double.parseDouble(m.group(1))
        / (m.group(2).equals("s") ? 1 : m.group(2).equals("m") ? 60 : 3600);
    int size = Rate.defaultBurst(perSecond);
    if (burst != null) {
      // Taken as YAML gives it (not coerced), so 2.5, "40" or [40] are errors.
      if (!(burst instanceof Integer b) || b < 1 || b > Rate.MAX_BURST) {
        throw new IllegalArgumentException(
            key + "-burst must be a whole number from 1 to " + Rate.MAX_BURST);
      }
      size = b;
    }
    try {
      return Rate.perSecond(perSecond, size);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key + " must be from 1/h to " + (long) Rate.MAX_PER_SECOND + "/s", e);
    }
  }

  /** One operation's limits; each absent one is unlimited. */
  record OperationLimits(
      @JsonProperty("per-key") String perKey,
      @JsonProperty("per-key-burst") Object perKeyBurst,
      @JsonProperty("per-ip") String perIp,
      @JsonProperty("per-ip-burst") Object perIpBurst) {}
}
