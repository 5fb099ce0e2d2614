package dev.sessiond.client;

import dev.sessiond.client.internal.http.HttpTransport;
import dev.sessiond.client.internal.http.Models;
import dev.sessiond.client.internal.http.Query;
import dev.sessiond.client.model.MySession;
import dev.sessiond.client.model.RevokeResult;
import java.util.List;

/**
 * What an end user may do with their own sessions, authenticated by their access token (from
 * {@link SessiondClient#me(String)}). Thread-safe. An access token that is no longer active makes
 * every call throw {@link UnauthorizedException}. {@link #toString()} hides the token.
 */
public final class SelfService {
  private final HttpTransport http;
  private final String accessToken;

  SelfService(HttpTransport http, String accessToken) {
    this.http = http;
    this.accessToken = accessToken;
  }

  /** The user's active sessions ("my devices"); the calling one has {@code current} set. */
  public List<MySession> sessions() {
    return Models.mySessions(http.send("GET", "/v1/me/sessions", accessToken, null));
  }

  /**
   * Revokes one of the user's own sessions. Another user's id, or an unknown one, throws {@link
   * NotFoundException} ({@code session_not_found}).
   */
  public void revoke(String sessionId) {
    http.send("POST", "/v1/me/sessions/" + Query.segment(sessionId) + "/revoke", accessToken, null);
  }

  /** Revokes every session of the user but the calling one. */
  public RevokeResult revokeOthers() {
    return http.send("POST", "/v1/me/sessions/revoke-others", accessToken, null)
        .as(RevokeResult.class);
  }

  /** Revokes the calling session: the access token stops working at once. */
  public void logout() {
    http.send("POST", "/v1/me/logout", accessToken, null);
  }

  @Override
  public String toString() {
    return "SelfService[accessToken=***]";
  }
}
