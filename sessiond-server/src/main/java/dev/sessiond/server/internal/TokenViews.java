package dev.sessiond.server.internal;

import dev.sessiond.IssuedTokens;
import dev.sessiond.OpenedSession;
import dev.sessiond.Verification;
import dev.sessiond.VerifiedToken;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shapes of tokens: the answer to open and refresh (the session view first, then the token
 * pair, as in an OAuth token response but camelCase), and the RFC 7662 introspection answer.
 */
final class TokenViews {
  private static final Map<String, Object> INACTIVE = Map.of("active", false);

  private final Clock clock;

  TokenViews(Clock clock) {
    this.clock = clock;
  }

  /**
   * {@code {session, accessToken, tokenType, expiresIn, refreshToken}}; {@code expiresIn} is whole
   * seconds from now until the access token expires.
   */
  Map<String, Object> opened(OpenedSession opened) {
    IssuedTokens tokens = opened.tokens();
    long expiresIn =
        tokens.accessTokenExpiresAt().getEpochSecond() - clock.instant().getEpochSecond();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("session", opened.session());
    body.put("accessToken", tokens.accessToken());
    body.put("tokenType", "Bearer");
    body.put("expiresIn", Math.max(0, expiresIn));
    body.put("refreshToken", tokens.refreshToken());
    return body;
  }

  /**
   * The RFC 7662 answer: the claims of an active token; exactly {@code {"active": false}} for
   * anything else, whatever the reason.
   */
  static Map<String, Object> introspection(Verification verification) {
    if (!verification.isActive()) {
      return INACTIVE;
    }
    VerifiedToken token = verification.token();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("active", true);
    body.put("sub", token.subject());
    body.put("sid", token.sessionId());
    body.put("tid", token.tenantId());
    body.put("exp", token.expiresAt().getEpochSecond());
    body.put("iat", token.issuedAt().getEpochSecond());
    body.put("jti", token.tokenId());
    body.put("iss", token.issuer());
    if (!token.username().isEmpty()) {
      body.put("username", token.username());
    }
    body.put("roles", token.roles());
    if (!token.clientType().isEmpty()) {
      body.put("ctype", token.clientType());
    }
    body.put("token_type", "Bearer");
    return body;
  }
}
