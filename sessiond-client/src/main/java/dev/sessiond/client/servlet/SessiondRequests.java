package dev.sessiond.client.servlet;

import dev.sessiond.client.verify.VerifiedSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** Reads what {@link SessiondAuthFilter} put on a request. */
public final class SessiondRequests {
  /** The request attribute holding the {@link VerifiedSession} of an authenticated request. */
  public static final String SESSION_ATTRIBUTE = "dev.sessiond.client.session";
  /**
   * The request attribute that is {@code true} when the session was accepted while the verifier
   * could not prove it was fresh (fail mode open); {@code false} otherwise.
   */
  public static final String STALE_ATTRIBUTE = "dev.sessiond.client.stale";

  private SessiondRequests() {}

  /** The request's verified session; empty if the filter did not authenticate it. */
  public static Optional<VerifiedSession> session(HttpServletRequest request) {
    Object value = request.getAttribute(SESSION_ATTRIBUTE);
    return value instanceof VerifiedSession session ? Optional.of(session) : Optional.empty();
  }

  /** Whether the request's verified session has {@code role}; {@code false} without a session. */
  public static boolean hasRole(HttpServletRequest request, String role) {
    return session(request).map(s -> s.hasRole(role)).orElse(false);
  }

  /**
   * Whether the request's session has {@code role}; if not, answers 403 {@code role_required}
   * (or 401 {@code missing_token} without a session) and returns {@code false}, and the caller
   * should stop handling the request.
   */
  public static boolean requireRole(HttpServletRequest request, HttpServletResponse response,
      String role) throws IOException {
    Optional<VerifiedSession> session = session(request);
    if (session.isEmpty()) {
      Problems.write(response, 401, "missing_token", "Unauthorized",
          "this request needs a sessiond access token");
      return false;
    }
    if (!session.get().hasRole(role)) {
      Problems.write(response, 403, "role_required", "Forbidden",
          "this request needs the role '" + role + "'");
      return false;
    }
    return true;
  }
}
