package dev.sessiond.spring.security;

import dev.sessiond.spring.SessiondAutoConfiguration;
import dev.sessiond.spring.SessiondProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * When the application defines no security filter chain of its own: one where every request needs
 * a sessiond session except {@code sessiond.public-paths}, stateless (no HTTP session), without
 * CSRF protection unless a cookie carries the token ({@code sessiond.cookie-name}), and with 401
 * {@code missing_token} problem+json for requests that bring no token.
 */
@AutoConfiguration(after = SessiondAutoConfiguration.class, before = SecurityAutoConfiguration.class)
@ConditionalOnClass(SecurityFilterChain.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class SessiondSecurityAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  public SecurityFilterChain sessiondSecurityFilterChain(HttpSecurity http,
      SessiondProperties properties) throws Exception {
    String[] open = properties.getPublicPaths().toArray(String[]::new);
    http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> a.requestMatchers(open).permitAll().anyRequest().authenticated())
        .exceptionHandling(e -> e.authenticationEntryPoint((request, response, failure) -> {
          response.setStatus(HttpStatus.UNAUTHORIZED.value());
          response.setHeader("WWW-Authenticate", "Bearer");
          response.setContentType("application/problem+json");
          response.getWriter().write("{\"type\":\"https://sessiond.dev/problems/missing_token\","
              + "\"title\":\"Unauthorized\",\"status\":401,\"code\":\"missing_token\","
              + "\"detail\":\"no access token: send Authorization: Bearer <token>\"}");
        }))
        .with(SessiondHttpConfigurer.sessiond().cookieName(properties.getCookieName()), c -> { });
    if (properties.getCookieName() == null) {
      http.csrf(c -> c.disable()); // Bearer tokens are not sent by browsers on their own.
    }
    return http.build();
  }
}
