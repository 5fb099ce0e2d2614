package dev.sessiond.example;

import dev.sessiond.client.verify.VerifiedSession;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The protected API: only requests with a live sessiond session get here. */
@RestController
public class ApiController {

  @GetMapping("/api/me")
  public Map<String, Object> me(@AuthenticationPrincipal VerifiedSession session) {
    return Map.of("userId", session.userId(), "tenantId", session.tenantId(),
        "sessionId", session.sessionId(), "roles", session.roles());
  }
}
