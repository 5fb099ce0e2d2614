package dev.sessiond.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules every caller-supplied field obeys. Each check returns the normalised value or throws a
 * {@link SessiondException} naming the field; values are never echoed back, so an error cannot
 * carry a secret.
 */
public final class FieldRules {
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final Pattern IP_PREFIX = Pattern.compile("[0-9A-Fa-f:.]{1,45}");

  private FieldRules() {}

  /** A tenant id: 1 to 64 of {@code A-Z a-z 0-9 . _ -}. */
  public static String tenantId(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw missing(field);
    }
    if (!TENANT.matcher(value).matches()) {
      throw invalid(field, "must be 1 to 64 of A-Z a-z 0-9 . _ -");
    }
    return value;
  }

  /** Required text: present, non-blank, at most {@code max} characters, no control characters. */
  public static String requiredText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw missing(field);
    }
    return optionalText(field, value, max);
  }

  /** Optional text: {@code null} becomes empty; at most {@code max} characters, no control characters. */
  public static String optionalText(String field, String value, int max) {
    if (value == null) {
      return "";
    }
    if (value.length() > max) {
      throw invalid(field, "must be at most " + max + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw invalid(field, "must not contain control characters");
      }
    }
    return value;
  }

  /** An optional IPv4 or IPv6 literal; {@code null} becomes empty. Never looks up a name. */
  public static String ip(String field, String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    if (IPV4.matcher(value).matches()) {
      return value;
    }
    // With a colon in it, InetAddress treats the text as an IPv6 literal and never asks DNS.
    if (value.indexOf(':') >= 0 && IPV6_CHARS.matcher(value).matches()) {
      try {
        InetAddress.getByName(value);
        return value;
      } catch (UnknownHostException e) {
        throw invalid(field, "must be an IPv4 or IPv6 address");
      }
    }
    throw invalid(field, "must be an IPv4 or IPv6 address");
  }

  /** An optional IP prefix such as {@code 10.1.} or {@code 2001:db8:}; {@code null} stays {@code null}. */
  public static String ipPrefix(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!IP_PREFIX.matcher(value).matches()) {
      throw invalid(field, "must be the start of an IP address");
    }
    return value;
  }

  /** Optional roles: at most {@code maxCount}, each 1 to {@code maxLength} characters. */
  public static List<String> roles(String field, List<String> roles, int maxCount, int maxLength) {
    if (roles == null) {
      return List.of();
    }
    if (roles.size() > maxCount) {
      throw invalid(field, "must have at most " + maxCount + " entries");
    }
    for (String role : roles) {
      requiredText(field + "[]", role, maxLength);
    }
    return List.copyOf(roles);
  }

  /** Optional attributes: at most {@code maxCount} entries with bounded keys and values. */
  public static Map<String, String> attributes(
      String field, Map<String, String> attributes, int maxCount, int maxKey, int maxValue) {
    if (attributes == null) {
      return Map.of();
    }
    if (attributes.size() > maxCount) {
      throw invalid(field, "must have at most " + maxCount + " entries");
    }
    for (Map.Entry<String, String> entry : attributes.entrySet()) {
      requiredText(field + " key", entry.getKey(), maxKey);
      if (entry.getValue() == null) {
        throw invalid(field, "values must be strings");
      }
      optionalText(field + " value", entry.getValue(), maxValue);
    }
    return Map.copyOf(attributes);
  }

  /** A session id: 64 lowercase hex characters. */
  public static String sessionId(String field, String value) {
    if (!SessionIds.isValid(value)) {
      throw new SessiondException(
          ErrorCode.INVALID_SESSION_ID, field + " must be 64 lowercase hex characters");
    }
    return value;
  }

  /** The error for a field that is absent or empty. */
  public static SessiondException missing(String field) {
    return new SessiondException(ErrorCode.MISSING_FIELD, field + " is required");
  }

  /** The error for a field that breaks a rule. */
  public static SessiondException invalid(String field, String rule) {
    return new SessiondException(ErrorCode.INVALID_FIELD, field + " " + rule);
  }
}
