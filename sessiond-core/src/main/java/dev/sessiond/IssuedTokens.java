package dev.sessiond;

import java.time.Instant;
import java.util.Objects;

/**
 * The token pair handed to a client when a session opens or refreshes. Both are secrets: they are
 * never logged, stored in the clear, or shown by {@link #toString()}.
 *
 * @param accessToken a signed JWT; never {@code null}
 * @param accessTokenExpiresAt when the access token stops verifying
 * @param refreshToken an opaque secret (32 random bytes, base64url); never {@code null}
 */
public record IssuedTokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken) {
  public IssuedTokens {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
    Objects.requireNonNull(refreshToken, "refreshToken");
  }

  /** Never shows the tokens. */
  @Override
  public String toString() {
    return "IssuedTokens[accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
  }
}
