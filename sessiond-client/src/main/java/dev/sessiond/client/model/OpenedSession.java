package dev.sessiond.client.model;

/**
 * A session just opened or refreshed, with its token pair. {@link #toString()} hides the tokens.
 *
 * @param session the session; never {@code null}
 * @param accessToken a JWT to hand the end user; verify it locally with the JWKS or with
 *     introspection
 * @param tokenType always {@code Bearer}
 * @param expiresIn whole seconds until the access token expires
 * @param refreshToken opaque, rotated at every refresh: trade it with {@code refresh}
 */
public record OpenedSession(Session session, String accessToken, String tokenType, long expiresIn,
    String refreshToken) {
  @Override
  public String toString() {
    return "OpenedSession[session=" + session + ", accessToken=***, tokenType=" + tokenType
        + ", expiresIn=" + expiresIn + ", refreshToken=***]";
  }
}
