package dev.sessiond.client.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to open a session for. Only {@code userId} is required; every other member may be {@code
 * null} for "not given". Build it with {@link #forUser(String)} and the setters that return a
 * copy:
 *
 * <pre>{@code OpenRequest.forUser("u-42").username("alice").roles(List.of("user")).ip("203.0.113.7")}</pre>
 *
 * @param tenantId {@code null}: the client's configured tenant
 * @param clientType {@code null}: inferred by the server from {@code userAgent}
 * @param ip an IPv4 or IPv6 literal, the end user's address
 * @param userAgent the end user's User-Agent header; browser and OS are parsed from it
 * @param attributes up to 32 string attributes kept with the session
 */
public record OpenRequest(String tenantId, String userId, String username, List<String> roles,
    ClientType clientType, String deptName, String ip, String userAgent,
    Map<String, String> attributes) {
  public OpenRequest {
    Objects.requireNonNull(userId, "userId");
    roles = roles == null ? null : List.copyOf(roles);
    attributes = attributes == null ? null : Map.copyOf(attributes);
  }

  /** A request for {@code userId} with nothing else given. */
  public static OpenRequest forUser(String userId) {
    return new OpenRequest(null, userId, null, null, null, null, null, null, null);
  }

  public OpenRequest tenantId(String value) {
    return new OpenRequest(value, userId, username, roles, clientType, deptName, ip, userAgent, attributes);
  }

  public OpenRequest username(String value) {
    return new OpenRequest(tenantId, userId, value, roles, clientType, deptName, ip, userAgent, attributes);
  }

  public OpenRequest roles(List<String> value) {
    return new OpenRequest(tenantId, userId, username, value, clientType, deptName, ip, userAgent, attributes);
  }

  public OpenRequest clientType(ClientType value) {
    return new OpenRequest(tenantId, userId, username, roles, value, deptName, ip, userAgent, attributes);
  }

  public OpenRequest deptName(String value) {
    return new OpenRequest(tenantId, userId, username, roles, clientType, value, ip, userAgent, attributes);
  }

  public OpenRequest ip(String value) {
    return new OpenRequest(tenantId, userId, username, roles, clientType, deptName, value, userAgent, attributes);
  }

  public OpenRequest userAgent(String value) {
    return new OpenRequest(tenantId, userId, username, roles, clientType, deptName, ip, value, attributes);
  }

  public OpenRequest attributes(Map<String, String> value) {
    return new OpenRequest(tenantId, userId, username, roles, clientType, deptName, ip, userAgent, value);
  }
}
