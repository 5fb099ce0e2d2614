package dev.sessiond.client.servlet;

import dev.sessiond.client.verify.LocalVerifier;
import dev.sessiond.client.verify.Verification;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Authenticates HTTP requests with a sessiond access token, verified by a {@link LocalVerifier}.
 * The token comes from {@code Authorization: Bearer ...}, else from the configured cookie (none by
 * default). A valid token's {@link dev.sessiond.client.verify.VerifiedSession} is put on the
 * request as {@link SessiondRequests#SESSION_ATTRIBUTE} and the request goes on. Otherwise the
 * filter answers {@code application/problem+json} itself: 401 {@code missing_token}, {@code
 * invalid_token}, {@code token_expired} or {@code session_revoked} (with {@code WWW-Authenticate:
 * Bearer}), or 503 {@code unavailable} when the verifier cannot decide (stale in fail-closed mode).
 * Requests whose path (after the context path) starts with an excluded prefix pass untouched.
 * Requests that are not HTTP pass untouched. With {@link Builder#tokenOptional(boolean)}, a
 * request without any token also passes, unauthenticated, for a later authorization step (such
 * as Spring Security's) to decide; a request with a bad token is still answered. When the
 * verifier accepted a token while stale (fail mode open), {@link SessiondRequests#STALE_ATTRIBUTE}
 * is {@code true}. The filter does not close the verifier.
 */
public final class SessiondAuthFilter implements Filter {
  private final LocalVerifier verifier;
  private final String cookieName;
  private final List<String> excludedPrefixes;
  private final boolean tokenOptional;

  /** A filter that reads only the {@code Authorization} header and excludes nothing. */
  public SessiondAuthFilter(LocalVerifier verifier) {
    this(builder(verifier));
  }

  private SessiondAuthFilter(Builder builder) {
    this.verifier = builder.verifier;
    this.cookieName = builder.cookieName;
    this.excludedPrefixes = List.copyOf(builder.excludedPrefixes);
    this.tokenOptional = builder.tokenOptional;
  }

  /** A builder for a filter using {@code verifier} (never {@code null}). */
  public static Builder builder(LocalVerifier verifier) {
    return new Builder(verifier);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response) || isExcluded(request)) {
      chain.doFilter(req, res);
      return;
    }
    String token = token(request);
    if (token == null && tokenOptional) {
      chain.doFilter(request, response);
      return;
    }
    if (token == null) {
      unauthorized(response, "missing_token", "no access token: send Authorization: Bearer <token>");
      return;
    }
    Verification verification = verifier.verify(token);
    switch (verification.outcome()) {
      case VALID -> {
        request.setAttribute(SessiondRequests.SESSION_ATTRIBUTE, verification.session());
        request.setAttribute(SessiondRequests.STALE_ATTRIBUTE, verification.stale());
        chain.doFilter(request, response);
      }
      case INVALID -> unauthorized(response, "invalid_token", "the access token is not valid");
      case EXPIRED -> unauthorized(response, "token_expired", "the access token has expired");
      case REVOKED -> unauthorized(response, "session_revoked", "the session has been revoked");
      case UNAVAILABLE -> {
        response.setHeader("Retry-After", "1");
        Problems.write(response, 503, "unavailable", "Service Unavailable",
            "access tokens cannot be verified right now; try again shortly");
      }
    }
  }

  private boolean isExcluded(HttpServletRequest request) {
    if (excludedPrefixes.isEmpty()) {
      return false;
    }
    String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
    String context = request.getContextPath() == null ? "" : request.getContextPath();
    String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
    return excludedPrefixes.stream().anyMatch(path::startsWith);
  }

  private String token(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = header.substring(7).strip();
      if (!token.isEmpty()) {
        return token;
      }
    }
    if (cookieName != null && request.getCookies() != null) {
      for (Cookie cookie : request.getCookies()) {
        if (cookieName.equals(cookie.getName()) && cookie.getValue() != null
            && !cookie.getValue().isBlank()) {
          return cookie.getValue().strip();
        }
      }
    }
    return null;
  }

  private static void unauthorized(HttpServletResponse response, String code, String detail)
      throws IOException {
    response.setHeader("WWW-Authenticate", "missing_token".equals(code)
        ? "Bearer" : "Bearer error=\"invalid_token\"");
    Problems.write(response, 401, code, "Unauthorized", detail);
  }

  /** Settings of a {@link SessiondAuthFilter}. */
  public static final class Builder {
    private final LocalVerifier verifier;
    private String cookieName;
    private final List<String> excludedPrefixes = new ArrayList<>();
    private boolean tokenOptional;

    private Builder(LocalVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Also read the token from this cookie when there is no bearer header; {@code null}: none. */
    public Builder cookieName(String value) {
      this.cookieName = value;
      return this;
    }

    /** Let requests whose path starts with {@code prefix} (such as {@code /healthz}) pass. */
    public Builder exclude(String prefix) {
      excludedPrefixes.add(Objects.requireNonNull(prefix, "prefix"));
      return this;
    }

    /**
     * {@code true}: a request that carries no token at all passes on unauthenticated instead of
     * being answered 401 {@code missing_token}; {@code false} (the default): it is answered.
     */
    public Builder tokenOptional(boolean value) {
      this.tokenOptional = value;
      return this;
    }

    public SessiondAuthFilter build() {
      return new SessiondAuthFilter(this);
    }
  }
}
