package dev.sessiond.client.servlet;

import static dev.sessiond.client.verify.AdminCalls.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.client.ClientConfig;
import dev.sessiond.client.RunningSessiond;
import dev.sessiond.client.verify.AdminCalls;
import dev.sessiond.client.verify.LocalVerifier;
import dev.sessiond.client.verify.VerifiedSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The filter against a real server's tokens, with hand-made request and response doubles. */
class SessiondAuthFilterTest {
  @RegisterExtension static final RunningSessiond SERVER = RunningSessiond.start();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalVerifier verifier;
  private static AdminCalls admin;

  @BeforeAll
  static void start() throws InterruptedException {
    admin = new AdminCalls(SERVER.url(), SERVER.adminKey());
    verifier = LocalVerifier.start(SERVER.config());
    assertThat(verifier.awaitFresh(Duration.ofSeconds(20))).isTrue();
  }

  @AfterAll
  static void stop() {
    verifier.close();
  }

  @Test
  void aValidBearerTokenPutsTheSessionOnTheRequest() throws Exception {
    AdminCalls.Opened opened = admin.open("acme", "f-1", List.of("editor"));
    Exchange exchange = new Exchange("/api/things").header("Authorization",
        "Bearer " + opened.accessToken());

    exchange.run(new SessiondAuthFilter(verifier));

    assertThat(exchange.passed.get()).isTrue();
    VerifiedSession session = SessiondRequests.session(exchange.request()).orElseThrow();
    assertThat(session.sessionId()).isEqualTo(opened.sessionId());
    assertThat(SessiondRequests.hasRole(exchange.request(), "editor")).isTrue();
    assertThat(SessiondRequests.requireRole(exchange.request(), exchange.response(), "editor"))
        .isTrue();
    assertThat(SessiondRequests.requireRole(exchange.request(), exchange.response(), "admin"))
        .isFalse();
    assertThat(exchange.status).isEqualTo(403);
    assertThat(exchange.body().path("code").asText()).isEqualTo("role_required");
  }

  @Test
  void aCookieIsReadWhenConfigured() throws Exception {
    String token = admin.open("acme", "f-2", List.of()).accessToken();
    SessiondAuthFilter filter = SessiondAuthFilter.builder(verifier).cookieName("sid").build();

    Exchange exchange = new Exchange("/x").cookie(new Cookie("sid", token));
    exchange.run(filter);
    assertThat(exchange.passed.get()).isTrue();

    Exchange withoutCookieSupport = new Exchange("/x").cookie(new Cookie("sid", token));
    withoutCookieSupport.run(new SessiondAuthFilter(verifier));
    assertThat(withoutCookieSupport.problem(401)).isEqualTo("missing_token");
  }

  @Test
  void failuresAreProblemAnswers() throws Exception {
    AdminCalls.Opened opened = admin.open("acme", "f-3", List.of());
    SessiondAuthFilter filter = new SessiondAuthFilter(verifier);

    assertThat(new Exchange("/x").run(filter).problem(401)).isEqualTo("missing_token");
    assertThat(new Exchange("/x").header("Authorization", "Basic abc").run(filter).problem(401))
        .isEqualTo("missing_token");
    Exchange junk = new Exchange("/x").header("Authorization", "Bearer junk").run(filter);
    assertThat(junk.problem(401)).isEqualTo("invalid_token");
    assertThat(junk.headers.get("WWW-Authenticate")).contains("invalid_token");

    admin.revoke(opened.sessionId());
    eventually("revoked", () -> {
      try {
        return "session_revoked".equals(new Exchange("/x")
            .header("Authorization", "Bearer " + opened.accessToken()).run(filter).problem(401));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void excludedPathsPassAndUnavailableIs503() throws Exception {
    ClientConfig nowhere = ClientConfig.builder().url("http://127.0.0.1:9").build();
    try (LocalVerifier neverFresh = LocalVerifier.start(nowhere)) {
      SessiondAuthFilter filter =
          SessiondAuthFilter.builder(neverFresh).exclude("/healthz").build();

      Exchange health = new Exchange("/healthz").run(filter);
      assertThat(health.passed.get()).isTrue();

      Exchange api = new Exchange("/api").header("Authorization", "Bearer something").run(filter);
      assertThat(api.problem(503)).isEqualTo("unavailable");
      assertThat(api.headers.get("Retry-After")).isEqualTo("1");
    }
  }

  /** One request through the filter, with minimal doubles of the servlet objects. */
  private static final class Exchange {
    final String uri;
    final Map<String, String> requestHeaders = new HashMap<>();
    final Map<String, Object> attributes = new HashMap<>();
    Cookie[] cookies;
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final AtomicReference<Boolean> passed = new AtomicReference<>(false);
    int status = 200;
    String contentType;
    private HttpServletRequest request;
    private HttpServletResponse response;

    Exchange(String uri) {
      this.uri = uri;
    }

    Exchange header(String name, String value) {
      requestHeaders.put(name.toLowerCase(), value);
      return this;
    }

    Exchange cookie(Cookie cookie) {
      cookies = new Cookie[] {cookie};
      return this;
    }

    Exchange run(SessiondAuthFilter filter) throws Exception {
      FilterChain chain = (req, res) -> passed.set(true);
      filter.doFilter(request(), response(), chain);
      return this;
    }

    /** The problem's code, checking the status and media type. */
    String problem(int expectedStatus) throws IOException {
      assertThat(passed.get()).isFalse();
      assertThat(status).isEqualTo(expectedStatus);
      assertThat(contentType).isEqualTo("application/problem+json");
      assertThat(body().path("status").asInt()).isEqualTo(expectedStatus);
      return body().path("code").asText();
    }

    JsonNode body() throws IOException {
      return JSON.readTree(out.toByteArray());
    }

    HttpServletRequest request() {
      if (request == null) {
        request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (
                method.getName()) {
              case "getHeader" -> requestHeaders.get(((String) args[0]).toLowerCase());
              case "getCookies" -> cookies;
              case "getRequestURI" -> uri;
              case "getContextPath" -> "";
              case "getAttribute" -> attributes.get((String) args[0]);
              case "setAttribute" -> attributes.put((String) args[0], args[1]);
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              case "toString" -> "request " + uri;
              default -> throw new UnsupportedOperationException(method.getName());
            });
      }
      return request;
    }

    HttpServletResponse response() {
      if (response == null) {
        ServletOutputStream stream = new ServletOutputStream() {
          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}

          @Override
          public void write(int b) {
            out.write(b);
          }
        };
        response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
              switch (method.getName()) {
                case "setStatus" -> status = (Integer) args[0];
                case "setContentType" -> contentType = (String) args[0];
                case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                case "getOutputStream" -> {
                  out.reset();
                  return stream;
                }
                case "setCharacterEncoding", "setContentLength" -> { }
                case "hashCode" -> {
                  return System.identityHashCode(proxy);
                }
                case "equals" -> {
                  return proxy == args[0];
                }
                case "toString" -> {
                  return "response";
                }
                default -> throw new UnsupportedOperationException(method.getName());
              }
              return null;
            });
      }
      return response;
    }
  }
}
