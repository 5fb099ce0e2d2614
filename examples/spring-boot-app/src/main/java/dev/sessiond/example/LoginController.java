package dev.sessiond.example;

import dev.sessiond.client.SessiondClient;
import dev.sessiond.client.model.OpenRequest;
import dev.sessiond.client.model.OpenedSession;
import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signs users in however the application likes (here: a fixed demo password, never do that) and
 * asks sessiond to open a session for them. The answer carries sessiond's token pair.
 */
@RestController
public class LoginController {
  /** The demo's one password. A real application checks its own users' credentials. */
  static final String DEMO_PASSWORD = "correct horse battery staple";

  private final SessiondClient sessiond;

  public LoginController(SessiondClient sessiond) {
    this.sessiond = sessiond;
  }

  /** The login form's JSON. */
  public record Login(String username, String password) {}

  @PostMapping("/login")
  public ResponseEntity<Map<String, Object>> login(@RequestBody Login login,
      HttpServletRequest request) {
    if (login.username() == null || login.username().isBlank() || login.password() == null
        || !MessageDigest.isEqual(login.password().getBytes(StandardCharsets.UTF_8),
            DEMO_PASSWORD.getBytes(StandardCharsets.UTF_8))) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .body(Map.of("error", "wrong username or password"));
    }
    OpenedSession opened = sessiond.open(OpenRequest.forUser(login.username())
        .username(login.username()).roles(List.of("user"))
        .ip(request.getRemoteAddr()).userAgent(request.getHeader("User-Agent")));
    return ResponseEntity.ok(Map.of(
        "accessToken", opened.accessToken(),
        "refreshToken", opened.refreshToken(),
        "expiresIn", opened.expiresIn(),
        "sessionId", opened.session().id()));
  }
}
