package dev.sessiond;

import java.util.List;
import java.util.Map;

/**
 * What a host application knows when it opens a session. The engine validates it; see {@link
 * ErrorCode#MISSING_FIELD} and {@link ErrorCode#INVALID_FIELD}.
 *
 * @param tenantId required: 1 to 64 of {@code A-Z a-z 0-9 . _ -}
 * @param userId required: 1 to 128 characters, no control characters
 * @param username {@code null} or up to 256 characters; stored as empty when {@code null}
 * @param roles {@code null} or up to 64 roles of 1 to 64 characters each
 * @param clientType {@code null} to infer it from {@code userAgent}
 * @param deptName {@code null} or up to 256 characters
 * @param ip {@code null} or an IPv4 or IPv6 literal
 * @param userAgent {@code null} or up to 1024 characters; browser and OS are parsed from it
 * @param attributes {@code null} or up to 32 entries, keys 1 to 64 and values up to 1024 characters
 */
public record OpenRequest(
    String tenantId,
    String userId,
    String username,
    List<String> roles,
    ClientType clientType,
    String deptName,
    String ip,
    String userAgent,
    Map<String, String> attributes) {

  /** A request with only the required fields set. */
  public static OpenRequest of(String tenantId, String userId) {
    return new OpenRequest(tenantId, userId, null, null, null, null, null, null, null);
  }
}
