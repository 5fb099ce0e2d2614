package dev.sessiond.spring.security;

import dev.sessiond.client.verify.VerifiedSession;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a sessiond access token: the principal is the {@link
 * VerifiedSession} (so {@code @AuthenticationPrincipal VerifiedSession session} works), and each
 * of the session's roles is an authority {@code ROLE_<role>}. The token itself is not kept.
 */
public final class SessiondAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  private final transient VerifiedSession session;
  private final boolean stale;

  /**
   * @param session never {@code null}
   * @param stale whether the verifier accepted it while its feed was stale (fail mode open)
   */
  public SessiondAuthentication(VerifiedSession session, boolean stale) {
    super(session.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role))
        .toList());
    this.session = session;
    this.stale = stale;
    setAuthenticated(true);
  }

  @Override
  public VerifiedSession getPrincipal() {
    return session;
  }

  /** Always {@code null}: the access token is not kept. */
  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public String getName() {
    return session.userId();
  }

  /** Whether it was accepted while the verifier could not prove it was fresh. */
  public boolean isStale() {
    return stale;
  }

  /** The session's roles, as sessiond gave them. */
  public List<String> roles() {
    return session.roles();
  }
}
