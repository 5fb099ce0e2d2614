package dev.sessiond.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A plain JDK HTTP client for one running server, with the admin key unless told otherwise. */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  private final int port;
  private final String key;

  public ApiClient(int port, String key) {
    this.port = port;
    this.key = key;
  }

  /** A client for {@code server} with its admin key. */
  public static ApiClient of(SessiondServer server) {
    return new ApiClient(server.port(), server.adminKey());
  }

  /** A client for the same server that sends {@code bearer} (an API key or an access token). */
  public ApiClient withKey(String bearer) {
    return new ApiClient(port, bearer);
  }

  public Reply get(String path) {
    return send("GET", path, null, Map.of());
  }

  public Reply delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  public Reply post(String path, String json) {
    return send("POST", path, json,
        json == null ? Map.of() : Map.of("Content-Type", "application/json"));
  }

  /** POSTs {@code form} (already encoded) as {@code application/x-www-form-urlencoded}. */
  public Reply postForm(String path, String form) {
    return send("POST", path, form, Map.of("Content-Type", "application/x-www-form-urlencoded"));
  }

  /** Opens a session with {@code json} and answers its id and tokens; fails unless 201. */
  public Opened open(String json) {
    Reply reply = post("/v1/sessions", json);
    if (reply.status() != 201) {
      throw new AssertionError("open failed: " + reply);
    }
    JsonNode body = reply.json();
    return new Opened(body.at("/session/id").asText(), body.get("accessToken").asText(),
        body.get("refreshToken").asText());
  }

  /** POSTs {@code {"token": token}} to {@code /v1/introspect}. */
  public Reply introspect(String token) {
    return post("/v1/introspect", "{\"token\":" + quote(token) + "}");
  }

  /** POSTs {@code {"refreshToken": token}} to {@code /v1/sessions/refresh}. */
  public Reply refresh(String refreshToken) {
    return post("/v1/sessions/refresh", "{\"refreshToken\":" + quote(refreshToken) + "}");
  }

  /** Whether {@code accessToken} introspects as active for this client's key. */
  public boolean isActive(String accessToken) {
    Reply reply = introspect(accessToken);
    if (reply.status() != 200) {
      throw new AssertionError("introspection failed: " + reply);
    }
    return reply.json().get("active").asBoolean();
  }

  /**
   * A JSON object of {@code namesAndValues} (name, value, name, value, ...), in order; {@code null}
   * values are left out.
   */
  public static String json(Object... namesAndValues) {
    Map<String, Object> members = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        members.put((String) namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    try {
      return JSON.writeValueAsString(members);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code value} as a JSON string literal. */
  public static String quote(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends a request. {@code headers} may set Authorization (to override the admin key; an empty
   * value sends none) and Content-Type.
   */
  public Reply send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    String auth = headers.getOrDefault("Authorization", "Bearer " + key);
    if (!auth.isEmpty()) {
      request.header("Authorization", auth);
    }
    headers.forEach((name, value) -> {
      if (!name.equals("Authorization")) {
        request.header(name, value);
      }
    });
    return exchange(request.build());
  }

  /** POSTs {@code body} as JSON with chunked transfer encoding (no Content-Length). */
  public Reply postChunked(String path, byte[] body) {
    return postChunked(path, "application/json", body);
  }

  /** POSTs {@code body} as {@code contentType} with chunked transfer encoding. */
  public Reply postChunked(String path, String contentType, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
        .build();
    return exchange(request);
  }

  private static Reply exchange(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code method} and a raw request target that {@link URI} would refuse (such as a bad
   * percent escape) over a plain socket, HTTP/1.1, no body.
   */
  public Reply sendRaw(String method, String target, boolean withKey) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + (withKey ? "Authorization: Bearer " + key + "\r\n" : "")
          + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, split).split("\r\n");
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 1; i < lines.length; i++) {
        String[] header = lines[i].split(":", 2);
        headers.computeIfAbsent(header[0].strip(), h -> new ArrayList<>()).add(header[1].strip());
      }
      return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A session just opened: its id and its first token pair. */
  public record Opened(String id, String accessToken, String refreshToken) {}

  /** One answer. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {
    /** The body parsed as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    /** The problem document's {@code code}, or {@code ""} if the body has none. */
    public String code() {
      try {
        JsonNode tree = body == null ? null : JSON.readTree(body);
        JsonNode code = tree == null ? null : tree.get("code");
        return code == null ? "" : code.asText();
      } catch (IOException e) {
        return "";
      }
    }

    /** A header value, or {@code ""}. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
          return header.getValue().get(0);
        }
      }
      return "";
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
