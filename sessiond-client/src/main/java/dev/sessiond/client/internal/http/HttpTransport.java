package dev.sessiond.client.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.client.SessiondApiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends one call to sessiond and hands back its successful answer: the JDK's {@link HttpClient}
 * (HTTP/1.1), one per transport, thread-safe. Every answer that is not 2xx becomes the matching
 * {@link SessiondApiException} (see {@link Problems}); no answer at all (refused, timed out,
 * broken, interrupted) becomes one with code {@value SessiondApiException#UNREACHABLE} and status
 * 0. Credentials go only into the {@code Authorization} header, never into a message.
 */
public final class HttpTransport implements AutoCloseable {
  private static final String USER_AGENT = "sessiond-java-client";

  private final HttpClient http;
  private final String base;
  private final String shownBase;
  private final Duration timeout;

  /**
   * @param baseUrl the server's base URL; a path in it (such as {@code /sessiond}) prefixes every
   *     route
   * @param timeout how long one call may take, connecting included
   */
  public HttpTransport(URI baseUrl, Duration timeout) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    String text = baseUrl.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.shownBase = baseUrl.getScheme() + "://" + baseUrl.getHost()
        + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort());
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A successful answer: its status and body ({@code ""} when it had none). */
  public record Reply(int status, String body) {
    /** The body as JSON; a body that is not JSON is a {@code malformed_response}. */
    public JsonNode json() {
      try {
        JsonNode node = Json.MAPPER.readTree(body);
        if (node == null || node.isMissingNode()) {
          throw Problems.malformed(status, "JSON", null);
        }
        return node;
      } catch (IOException e) {
        throw Problems.malformed(status, "JSON", e);
      }
    }

    /** The body as a {@code type}; a body of another shape is a {@code malformed_response}. */
    public <T> T as(Class<T> type) {
      try {
        return Json.read(json(), type);
      } catch (IllegalArgumentException e) {
        throw Problems.malformed(status, "a " + type.getSimpleName(), e);
      }
    }
  }

  /**
   * Sends {@code method path} with {@code bearer} (an API key or access token; {@code null} for
   * none) and {@code body} written as JSON ({@code null} for no body).
   *
   * @param path the route with its query, already encoded (see {@link Query})
   */
  public Reply send(String method, String path, String bearer, Object body) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(Json.write(body));
    HttpRequest.Builder request = request(path, bearer).method(method, publisher);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return exchange(request.build());
  }

  /** POSTs {@code form} (already encoded) as {@code application/x-www-form-urlencoded}. */
  public Reply sendForm(String path, String bearer, String form) {
    return exchange(request(path, bearer)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build());
  }

  /** Stops the underlying client where the JDK can (Java 21 and later); idempotent. */
  @Override
  public void close() {
    if (http instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // nothing left to do
      }
    }
  }

  private HttpRequest.Builder request(String path, String bearer) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(timeout)
        .header("Accept", "application/json, application/problem+json")
        .header("User-Agent", USER_AGENT);
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    return builder;
  }

  private Reply exchange(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw Problems.unreachable("no answer from " + shownBase + " ("
          + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Problems.unreachable("interrupted while waiting for " + shownBase, e);
    }
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    if (status >= 200 && status < 300) {
      return new Reply(status, body);
    }
    throw Problems.from(status, response.headers().firstValue("Content-Type").orElse(null), body,
        response.headers().firstValue("Retry-After"));
  }
}
