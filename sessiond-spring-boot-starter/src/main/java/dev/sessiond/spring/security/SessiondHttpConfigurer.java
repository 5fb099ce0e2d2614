package dev.sessiond.spring.security;

import dev.sessiond.client.verify.LocalVerifier;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Adds sessiond bearer authentication to a security filter chain of one's own:
 *
 * <pre>{@code
 * http.with(SessiondHttpConfigurer.sessiond(), Customizer.withDefaults());
 * }</pre>
 *
 * <p>It uses the application's {@link LocalVerifier} bean and {@code sessiond.cookie-name}.
 */
public final class SessiondHttpConfigurer
    extends AbstractHttpConfigurer<SessiondHttpConfigurer, HttpSecurity> {
  private String cookieName;

  /** A configurer that takes the verifier from the application context. */
  public static SessiondHttpConfigurer sessiond() {
    return new SessiondHttpConfigurer();
  }

  /** Also read the token from this cookie; {@code null} (the default) for none. */
  public SessiondHttpConfigurer cookieName(String value) {
    this.cookieName = value;
    return this;
  }

  @Override
  public void configure(HttpSecurity http) {
    ApplicationContext context = http.getSharedObject(ApplicationContext.class);
    LocalVerifier verifier = context.getBean(LocalVerifier.class);
    http.addFilterBefore(new SessiondAuthenticationFilter(verifier, cookieName),
        BasicAuthenticationFilter.class);
  }
}
