package dev.sessiond.client.model;

import java.util.List;

/**
 * What a revoke of several sessions ended.
 *
 * @param revoked how many sessions this call revoked (ones already ended are not counted)
 * @param sessionIds their ids; never {@code null}
 */
public record RevokeResult(int revoked, List<String> sessionIds) {
  public RevokeResult {
    sessionIds = sessionIds == null ? List.of() : List.copyOf(sessionIds);
  }
}
