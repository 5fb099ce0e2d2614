package dev.sessiond;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The methods a caller may be allowed to call. An API key's manifest lists them by {@link
 * #wireName()}; every API endpoint maps to exactly one. The wire names are a public contract.
 */
public enum Method {
  /** Open a session ({@code POST /v1/sessions}, {@code /v1/sessions/from-token-set}). */
  SESSIONS_CREATE("sessions.create"),
  /** Rotate a refresh token. */
  SESSIONS_REFRESH("sessions.refresh"),
  /** Verify (introspect) an access token. */
  SESSIONS_VERIFY("sessions.verify"),
  /** Read one session. */
  SESSIONS_GET("sessions.get"),
  /** Search sessions, list a user's. */
  SESSIONS_SEARCH("sessions.search"),
  /** Read many sessions by id. */
  SESSIONS_BATCH_GET("sessions.batch_get"),
  /** Record activity on a session. */
  SESSIONS_TOUCH("sessions.touch"),
  /** Revoke one session or one token. */
  SESSIONS_REVOKE("sessions.revoke"),
  /** Revoke all of a user's sessions, or all of a tenant's. */
  SESSIONS_REVOKE_ALL("sessions.revoke_all"),
  /** Blacklist a session name or token id. */
  BLACKLIST_WRITE("blacklist.write"),
  /** Ask whether a name is blacklisted. */
  BLACKLIST_READ("blacklist.read"),
  /** Create, list and revoke a tenant's support grants. */
  GRANTS_MANAGE("grants.manage"),
  /** Read the audit log. */
  AUDIT_READ("audit.read"),
  /** Rotate the signing key (deployment-wide). */
  KEYS_ROTATE("keys.rotate"),
  /** Create, list and revoke API keys. */
  API_KEYS_MANAGE("api_keys.manage"),
  /** Follow the event feed ({@code GET /v1/events}). */
  EVENTS_READ("events.read");

  private static final Map<String, Method> BY_WIRE_NAME = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(Method::wireName, Function.identity()));

  private final String wireName;

  Method(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in manifests and error details, such as {@code sessions.batch_get}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The method with this wire name.
   *
   * @return empty if there is none (or {@code wireName} is {@code null})
   */
  public static java.util.Optional<Method> fromWireName(String wireName) {
    return java.util.Optional.ofNullable(wireName == null ? null : BY_WIRE_NAME.get(wireName));
  }

  /**
   * The methods named by {@code wireNames}.
   *
   * @throws SessiondException {@link ErrorCode#INVALID_FIELD} naming the first unknown name and
   *     listing the known ones; {@link ErrorCode#MISSING_FIELD} if {@code wireNames} is {@code
   *     null} or empty
   */
  public static Set<Method> parseAll(Collection<String> wireNames) {
    if (wireNames == null || wireNames.isEmpty()) {
      throw new SessiondException(ErrorCode.MISSING_FIELD, "methods must name at least one method");
    }
    EnumSet<Method> methods = EnumSet.noneOf(Method.class);
    for (String name : wireNames) {
      Method method = name == null ? null : BY_WIRE_NAME.get(name);
      if (method == null) {
        throw new SessiondException(ErrorCode.INVALID_FIELD, "unknown method '" + clip(name)
            + "'; known methods: " + String.join(", ", knownNames()));
      }
      methods.add(method);
    }
    return methods;
  }

  /** Every wire name, in declaration order. */
  public static java.util.List<String> knownNames() {
    return Arrays.stream(values()).map(Method::wireName).toList();
  }

  private static String clip(String name) {
    if (name == null) {
      return "null";
    }
    String printable = name.replaceAll("[^A-Za-z0-9._-]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
  }
}
