package dev.sessiond.client.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.client.ForbiddenException;
import dev.sessiond.client.NotFoundException;
import dev.sessiond.client.RateLimitedException;
import dev.sessiond.client.SessiondApiException;
import dev.sessiond.client.UnauthorizedException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns an error answer into the matching {@link SessiondApiException}. The {@code code} and
 * {@code detail} come from the RFC 9457 problem document; a body that is not one (a proxy's error
 * page, say) gives the code {@value #UNEXPECTED_STATUS} and an empty detail. Bodies are never
 * copied into messages otherwise.
 */
public final class Problems {
  /** The code of an error answer that carries no problem document. */
  public static final String UNEXPECTED_STATUS = "unexpected_status";
  /** The code of a successful answer whose body does not have the documented shape. */
  public static final String MALFORMED_RESPONSE = "malformed_response";

  private Problems() {}

  /** The exception for an answer of {@code status} with {@code body}. */
  public static SessiondApiException from(int status, String contentType, String body,
      Optional<String> retryAfter) {
    String code = UNEXPECTED_STATUS;
    String detail = "";
    if (contentType != null && contentType.contains("json") && body != null && !body.isBlank()) {
      try {
        JsonNode problem = Json.MAPPER.readTree(body);
        if (problem != null && problem.isObject() && problem.path("code").isTextual()) {
          code = problem.get("code").asText();
          detail = problem.path("detail").asText("");
        }
      } catch (IOException e) {
        // not a problem document: keep the generic code
      }
    }
    return switch (status) {
      case 401 -> new UnauthorizedException(status, code, detail);
      case 403 -> new ForbiddenException(status, code, detail);
      case 404 -> new NotFoundException(status, code, detail);
      case 429 -> new RateLimitedException(status, code, detail, seconds(retryAfter));
      default -> new SessiondApiException(status, code, detail, null);
    };
  }

  /** The exception for an answer of {@code status} whose body could not be read as expected. */
  public static SessiondApiException malformed(int status, String what, Throwable cause) {
    return new SessiondApiException(status, MALFORMED_RESPONSE,
        "the answer is not " + what, cause);
  }

  /** The exception for a call that got no answer. */
  public static SessiondApiException unreachable(String what, Throwable cause) {
    return new SessiondApiException(0, SessiondApiException.UNREACHABLE, what, cause);
  }

  private static Duration seconds(Optional<String> header) {
    try {
      return header.map(String::strip).map(Long::parseLong).filter(s -> s >= 0)
          .map(Duration::ofSeconds).orElse(null);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
