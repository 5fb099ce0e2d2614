package dev.sessiond.spring.security;

import dev.sessiond.client.servlet.SessiondAuthFilter;
import dev.sessiond.client.servlet.SessiondRequests;
import dev.sessiond.client.verify.LocalVerifier;
import dev.sessiond.client.verify.VerifiedSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security's side of {@link SessiondAuthFilter}: a request with a valid sessiond access
 * token gets a {@link SessiondAuthentication} in the security context; one with a bad token is
 * answered there and then (401 or 503 problem+json, as the SDK's filter does); one without a token
 * goes on unauthenticated, for the authorization rules to decide.
 */
public final class SessiondAuthenticationFilter extends OncePerRequestFilter {
  private final SessiondAuthFilter delegate;

  /** @param cookieName a cookie that may carry the token; {@code null} for none */
  public SessiondAuthenticationFilter(LocalVerifier verifier, String cookieName) {
    this.delegate = SessiondAuthFilter.builder(verifier).cookieName(cookieName)
        .tokenOptional(true).build();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    delegate.doFilter(request, response, (req, res) -> {
      HttpServletRequest http = (HttpServletRequest) req;
      SessiondRequests.session(http).ifPresent(session -> authenticate(http, session));
      chain.doFilter(req, res);
    });
  }

  private static void authenticate(HttpServletRequest request, VerifiedSession session) {
    boolean stale = Boolean.TRUE.equals(request.getAttribute(SessiondRequests.STALE_ATTRIBUTE));
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new SessiondAuthentication(session, stale));
    SecurityContextHolder.setContext(context);
  }
}
