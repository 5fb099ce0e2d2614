package dev.sessiond.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.client.model.ApiKey;
import dev.sessiond.client.model.AuditRecord;
import dev.sessiond.client.model.BlacklistEntry;
import dev.sessiond.client.model.OpenedSession;
import dev.sessiond.client.model.RevokeResult;
import dev.sessiond.client.model.RotatedKey;
import dev.sessiond.client.model.Session;
import dev.sessiond.client.model.SupportGrant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The records have exactly the members the server sends: read with a plain HTTP client, the JSON
 * objects' member names are compared to the records' components.
 */
class ModelShapeTest {
  @RegisterExtension static final RunningSessiond SERVER = RunningSessiond.start();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private JsonNode call(String method, String path, String body) throws Exception {
    return call(SERVER.adminKey(), method, path, body);
  }

  private JsonNode call(String bearer, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.url() + path))
        .header("Authorization", "Bearer " + bearer);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = HTTP.send(request.method(method, body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private static Set<String> members(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> components(Class<? extends Record> type, String... more) {
    Set<String> names = Arrays.stream(type.getRecordComponents()).map(c -> c.getName())
        .collect(Collectors.toCollection(TreeSet::new));
    names.addAll(List.of(more));
    return names;
  }

  @Test
  void sessionsAndTokens() throws Exception {
    JsonNode opened = call("POST", "/v1/sessions",
        "{\"tenantId\":\"acme\",\"userId\":\"u-1\",\"username\":\"alice\"}");
    assertThat(members(opened)).isEqualTo(components(OpenedSession.class));
    assertThat(members(opened.get("session"))).isEqualTo(components(Session.class));
    String id = opened.at("/session/id").asText();

    JsonNode mine = call(opened.get("accessToken").asText(), "GET", "/v1/me/sessions", null);
    assertThat(members(mine.at("/items/0"))).isEqualTo(components(Session.class, "current"));
    assertThat(mine.at("/items/0/id").asText()).isEqualTo(id);

    JsonNode introspection = call("POST", "/v1/introspect",
        "{\"token\":\"" + opened.get("accessToken").asText() + "\"}");
    assertThat(members(introspection)).isEqualTo(new TreeSet<>(List.of("active", "sub", "sid",
        "tid", "exp", "iat", "jti", "iss", "username", "roles", "ctype", "token_type")));
    JsonNode refreshed = call("POST", "/v1/sessions/refresh",
        "{\"refreshToken\":\"" + opened.get("refreshToken").asText() + "\"}");
    assertThat(members(refreshed)).isEqualTo(components(OpenedSession.class));
  }

  @Test
  void revokesBlacklistAndKeys() throws Exception {
    call("POST", "/v1/sessions", "{\"tenantId\":\"acme\",\"userId\":\"u-2\"}");
    assertThat(members(call("POST", "/v1/users/u-2/sessions/revoke?tenantId=acme", null)))
        .isEqualTo(components(RevokeResult.class));
    assertThat(members(call("POST", "/v1/blacklist",
        "{\"tenantId\":\"acme\",\"name\":\"n\",\"ttl\":60}")))
        .isEqualTo(components(BlacklistEntry.class));
    assertThat(members(call("GET", "/v1/blacklist/n?tenantId=acme", null)))
        .isEqualTo(components(BlacklistEntry.class));
    assertThat(members(call("GET", "/v1/blacklist/other?tenantId=acme", null)))
        .isEqualTo(components(BlacklistEntry.class).stream().filter(n -> !n.equals("expiresAt"))
            .collect(Collectors.toSet()));
    assertThat(members(call("POST", "/v1/keys/rotate", null)))
        .isEqualTo(components(RotatedKey.class));
  }

  @Test
  void grantsAuditAndApiKeys() throws Exception {
    JsonNode grant = call("POST", "/v1/tenants/acme/support-grants",
        "{\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}");
    assertThat(members(grant)).isEqualTo(components(SupportGrant.class));

    JsonNode audit = call("GET", "/v1/audit?tenantId=acme", null);
    assertThat(members(audit)).containsExactly("items", "nextPageToken");
    assertThat(members(audit.at("/items/0"))).isEqualTo(components(AuditRecord.class));

    JsonNode created = call("POST", "/v1/api-keys", "{\"methods\":[\"sessions.get\"]}");
    assertThat(members(created)).isEqualTo(components(ApiKey.class, "key"));
    List<JsonNode> keys = new ArrayList<>();
    call("GET", "/v1/api-keys", null).get("items").forEach(keys::add);
    assertThat(keys).allSatisfy(k -> assertThat(members(k)).isEqualTo(components(ApiKey.class)));
  }
}
