package dev.sessiond;

/**
 * The stable error codes sessiond answers with, each with its HTTP status. The codes are a public
 * contract: clients branch on them, so they never change meaning. Over HTTP each error is an RFC
 * 9457 {@code application/problem+json} body whose {@code code} member is {@link #code()}.
 */
public enum ErrorCode {
  /** A required field or parameter is absent or empty. */
  MISSING_FIELD("missing_field", 400, "Missing field"),
  /** A field or parameter has the wrong type, format or size. */
  INVALID_FIELD("invalid_field", 400, "Invalid field"),
  /** The body is not well-formed JSON, or not a JSON object where one is required. */
  MALFORMED_JSON("malformed_json", 400, "Malformed JSON"),
  /** The body contains a member the endpoint does not know. */
  UNKNOWN_FIELD("unknown_field", 400, "Unknown field"),
  /** A session id is not 64 lowercase hex characters. */
  INVALID_SESSION_ID("invalid_session_id", 400, "Invalid session id"),
  /** A page token was not issued by this server or is damaged. */
  INVALID_PAGE_TOKEN("invalid_page_token", 400, "Invalid page token"),
  /** A page size is outside 1 to {@link SearchRequest#MAX_PAGE_SIZE}. */
  INVALID_PAGE_SIZE("invalid_page_size", 400, "Invalid page size"),
  /** A batch names more ids than allowed. */
  TOO_MANY_IDS("too_many_ids", 400, "Too many ids"),
  /** A refresh token that is malformed, unknown, or of a session that no longer exists. */
  INVALID_REFRESH_TOKEN("invalid_refresh_token", 400, "Invalid refresh token"),
  /**
   * A refresh token that was rotated away longer ago than the grace window was used again: a sign of
   * theft. The session has been revoked.
   */
  REFRESH_TOKEN_REUSED("refresh_token_reused", 400, "Refresh token reused"),
  /** A token that does not verify: malformed, wrongly signed, expired, or of an unknown issuer. */
  INVALID_TOKEN("invalid_token", 400, "Invalid token"),
  /** A token of an external issuer that lacks the claim naming its session. */
  MISSING_SESSION_CLAIM("missing_session_claim", 400, "Missing session claim"),
  /** No credentials, or credentials that are not valid. */
  UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
  /** The caller may not call this method at all: its manifest or role does not declare it. */
  METHOD_NOT_PERMITTED("method_not_permitted", 403, "Method not permitted"),
  /** The caller may call this method, but not in the tenant it named. */
  TENANT_NOT_PERMITTED("tenant_not_permitted", 403, "Tenant not permitted"),
  /** No such support grant in the tenant. */
  GRANT_NOT_FOUND("grant_not_found", 404, "Support grant not found"),
  /** No such API key (or one outside the caller's walls). */
  API_KEY_NOT_FOUND("api_key_not_found", 404, "API key not found"),
  /** No such session (or one the caller may not see: the two are indistinguishable). */
  SESSION_NOT_FOUND("session_not_found", 404, "Session not found"),
  /** No such route. */
  NOT_FOUND("not_found", 404, "Not found"),
  /** The route exists but not with this method. */
  METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method not allowed"),
  /** The session exists but has ended, so it cannot be used. */
  SESSION_NOT_ACTIVE("session_not_active", 409, "Session not active"),
  /** The user already has as many active sessions as the tenant allows, and it refuses more. */
  SESSION_LIMIT_REACHED("session_limit_reached", 409, "Session limit reached"),
  /** The session is blacklisted: it may not refresh until the ban lapses. */
  SESSION_BLACKLISTED("session_blacklisted", 409, "Session blacklisted"),
  /** The body is larger than the limit. */
  BODY_TOO_LARGE("body_too_large", 413, "Body too large"),
  /** The body is not {@code application/json}. */
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported media type"),
  /** The caller made too many calls of this kind; retry after the {@code Retry-After} header. */
  RATE_LIMITED("rate_limited", 429, "Too many requests"),
  /** Something failed inside sessiond; the detail never carries internals. */
  INTERNAL("internal", 500, "Internal error"),
  /** The store or another dependency is not reachable right now. */
  UNAVAILABLE("unavailable", 503, "Unavailable");

  private final String code;
  private final int status;
  private final String title;

  ErrorCode(String code, int status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  /** The stable code, such as {@code session_not_found}. */
  public String code() {
    return code;
  }

  /** The HTTP status that goes with it. */
  public int status() {
    return status;
  }

  /** A short human title, the problem's {@code title}. */
  public String title() {
    return title;
  }
}
