package dev.sessiond.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.SessiondServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real sessiond server in the test's JVM, on a SQLite file of its own, that a test can stop and
 * start again on the same port and data (sessions and signing keys survive), plus the HTTP calls
 * the tests make: to sessiond with its admin key, and to the application.
 */
final class LocalSessiond {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private final Path dataDir;
  private SessiondServer server;
  private int port;

  private LocalSessiond(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** A server on a free port and a new data directory. */
  static LocalSessiond start() throws IOException {
    LocalSessiond sessiond = new LocalSessiond(Files.createTempDirectory("sessiond-example-"));
    sessiond.startOn(0);
    return sessiond;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  String adminKey() {
    return server.adminKey();
  }

  /** A new API key of {@code tenant} with {@code methods}; the key itself. */
  String apiKey(String tenant, String... methods) throws IOException {
    StringBuilder list = new StringBuilder();
    for (String method : methods) {
      list.append(list.length() == 0 ? "" : ",").append('"').append(method).append('"');
    }
    HttpResponse<String> created = call("POST", url() + "/v1/api-keys", adminKey(),
        "{\"tenantId\":\"" + tenant + "\",\"methods\":[" + list + "],\"name\":\"example app\"}");
    JsonNode key = JSON.readTree(created.body());
    return key.get("key").asText();
  }

  /** Stops the server: the application's verifier loses its event feed. */
  void stop() {
    server.close();
  }

  /** Starts it again on the same port and data. */
  void restart() {
    startOn(port);
  }

  private void startOn(int wanted) {
    server = SessiondServer.start(ServerConfig.builder().host("127.0.0.1").port(wanted)
        .dataDir(dataDir).build());
    port = server.port();
  }

  /** An HTTP call with an optional bearer token and JSON body; the answer as text. */
  static HttpResponse<String> call(String method, String url, String bearer, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpClient http() {
    return HTTP;
  }
}
