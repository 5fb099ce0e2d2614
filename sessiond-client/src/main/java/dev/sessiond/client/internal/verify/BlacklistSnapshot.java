package dev.sessiond.client.internal.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.client.ClientConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bans in force on the server ({@code GET /v1/blacklist}), as {@code blacklisted} events: a
 * verifier loads them when it starts and after a feed reset, because a ban may last longer than
 * the server keeps events (a day-long ban made two hours ago is no longer in a one-hour feed).
 */
public final class BlacklistSnapshot {
  /** The server refused the listing (401 or 403): the key lacks {@code blacklist.read}. */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(int status) {
      super("the API key may not list the blacklist (HTTP " + status + "; it needs blacklist.read)");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final ClientConfig config;

  public BlacklistSnapshot(HttpClient http, ClientConfig config) {
    this.http = http;
    this.config = config;
  }

  /**
   * The bans in force now, of the configured tenant (or all the key may see).
   *
   * @throws Refused if the key may not list them
   * @throws IOException if the server cannot be reached or answers otherwise
   */
  public List<FeedEvent> load(Instant now) throws IOException {
    String query = config.tenantId() == null ? ""
        : "?tenantId=" + URLEncoder.encode(config.tenantId(), StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(
            config.url().resolve(URI.create("/v1/blacklist" + query)))
        .timeout(config.requestTimeout()).header("Accept", "application/json").GET();
    if (config.apiKey() != null) {
      request.header("Authorization", "Bearer " + config.apiKey());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new Refused(response.statusCode());
    }
    if (response.statusCode() != 200) {
      throw new IOException("the blacklist listing answered HTTP " + response.statusCode());
    }
    List<FeedEvent> bans = new ArrayList<>();
    for (JsonNode item : JSON.readTree(response.body()).path("items")) {
      if (item.path("blacklisted").asBoolean(true) && item.hasNonNull("expiresAt")) {
        bans.add(new FeedEvent(0, FeedEvent.BLACKLISTED, now, item.path("tenantId").asText(),
            "", "", item.path("name").asText(), Instant.parse(item.get("expiresAt").asText())));
      }
    }
    return bans;
  }
}
