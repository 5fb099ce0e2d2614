package dev.sessiond;

import java.util.Objects;

/**
 * A session together with a fresh token pair, as answered by open and refresh.
 *
 * @param session never {@code null}
 * @param tokens never {@code null}
 */
public record OpenedSession(Session session, IssuedTokens tokens) {
  public OpenedSession {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(tokens, "tokens");
  }
}
