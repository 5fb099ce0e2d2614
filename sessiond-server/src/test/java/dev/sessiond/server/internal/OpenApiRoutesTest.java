package dev.sessiond.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.ErrorCode;
import dev.sessiond.SessionEngine;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.server.ApiClient;
import dev.sessiond.server.ApiClient.Reply;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.SessiondServer;
import dev.sessiond.store.SessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document and the router describe the same API, and the server serves it. */
class OpenApiRoutesTest {
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  @TempDir
  static Path dataDir;

  private static JsonNode document;
  private static SessiondServer server;

  @BeforeAll
  static void start() throws IOException {
    try (InputStream in = OpenApiRoutesTest.class.getResourceAsStream("/openapi.json")) {
      document = new ObjectMapper().readTree(in);
    }
    server = SessiondServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
        .dataDir(dataDir).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() {
    Vertx vertx = Vertx.vertx();
    try (SessionStore store = Stores.open("sqlite:" + dataDir.resolve("router.db"))) {
      WorkerExecutor workers = vertx.createSharedWorkerExecutor("openapi-test", 1);
      SessionEngine engine = SessionEngine.builder().store(store).build();
      Router router = ApiRouter.create(vertx, engine, workers, new ApiRouter.Options(
          1024, SigningAlgorithm.EDDSA, Clock.systemUTC()));

      Set<String> routed = new TreeSet<>();
      for (Route route : router.getRoutes()) {
        if (route.methods() != null && !route.methods().isEmpty()) {
          route.methods().forEach(m -> routed.add(m.name() + " " + openApiPath(route.getPath())));
        }
      }
      assertThat(routed).isNotEmpty();
      assertThat(routed).containsExactlyInAnyOrderElementsOf(documentedOperations());
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void everyDocumentedOperationAnswersOnTheLiveServer() {
    ApiClient api = ApiClient.of(server);
    for (String operation : documentedOperations()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String template = operation.substring(operation.indexOf(' ') + 1);
      String path = template.replace("{id}", "0f".repeat(32)).replace("{userId}", "u-1")
          .replace("{tenantId}", "t1").replace("{name}", "n-1")
          + sampleQuery(operationNode(method, template));
      Reply reply;
      if (template.startsWith("/oauth2/")) {
        reply = api.send(method, path, "token=x",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
      } else {
        reply = method.equals("POST")
            ? api.post(path, "{}")
            : api.send(method, path, null, Map.of());
      }
      assertThat(reply.status()).as("%s -> %s", operation, reply).isLessThan(500);
      if (reply.status() >= 400) {
        assertThat(reply.json().path("code").asText()).as("%s -> %s", operation, reply)
            .isNotIn("not_found", "method_not_allowed", "unknown_field");
      }
      if (template.startsWith("/v1/") || template.startsWith("/oauth2/")) {
        Reply anonymous = api.send(method, path, null, Map.of("Authorization", ""));
        assertThat(anonymous.status()).as("%s without a key", operation).isEqualTo(401);
      }
    }
  }

  @Test
  void publicOperationsAreMarkedPublicAndTheRestNeedTheKey() {
    assertThat(document.path("security").get(0).has("bearerAuth")).isTrue();
    assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
    for (String operation : documentedOperations()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String template = operation.substring(operation.indexOf(' ') + 1);
      JsonNode security = operationNode(method, template).path("security");
      if (template.startsWith("/v1/")) {
        assertThat(security.isMissingNode()).as(operation).isTrue();
        assertThat(operationNode(method, template).path("responses").has("401")).as(operation).isTrue();
      } else if (template.startsWith("/oauth2/")) {
        List<String> schemes = new ArrayList<>();
        security.forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
        assertThat(schemes).as(operation).containsExactlyInAnyOrder("basicAuth", "bearerAuth");
        assertThat(operationNode(method, template).path("responses").has("401")).as(operation).isTrue();
      } else {
        assertThat(security.isArray() && security.isEmpty()).as(operation).isTrue();
      }
    }
  }

  @Test
  void problemCodesAreExactlyTheErrorCodes() {
    List<String> documented = new ArrayList<>();
    document.at("/components/schemas/Problem/properties/code/enum")
        .forEach(code -> documented.add(code.asText()));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toList()));
  }

  @Test
  void theServedDocumentIsTheResource() {
    Reply reply = ApiClient.of(server).send("GET", "/openapi.json", null, Map.of("Authorization", ""));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json()).isEqualTo(document);
    assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
  }

  private static Set<String> documentedOperations() {
    Set<String> operations = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      path.getValue().fieldNames().forEachRemaining(method -> {
        if (METHODS.contains(method)) {
          operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      });
    }
    return operations;
  }

  private static JsonNode operationNode(String method, String template) {
    return document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
  }

  /** A query string with a plausible value for each documented query parameter. */
  private static String sampleQuery(JsonNode operation) {
    List<String> pairs = new ArrayList<>();
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.has("$ref")) {
        parameter = document.at(parameter.get("$ref").asText().substring(1));
      }
      if (!parameter.path("in").asText().equals("query")) {
        continue;
      }
      String name = parameter.path("name").asText();
      JsonNode schema = parameter.path("schema");
      if (schema.has("$ref")) {
        schema = document.at(schema.get("$ref").asText().substring(1));
      }
      String value;
      if (schema.has("enum")) {
        value = schema.get("enum").get(0).asText();
      } else if (schema.path("type").asText().equals("integer")) {
        value = schema.path("default").asText("1");
      } else if (name.equals("pageToken")) {
        continue;
      } else if (name.equals("ip")) {
        value = "10.0.0.1";
      } else if (name.equals("ipPrefix")) {
        value = "10.";
      } else {
        value = "t1";
      }
      pairs.add(name + "=" + value);
    }
    return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
  }

  /** {@code /v1/sessions/:id} as OpenAPI writes it: {@code /v1/sessions/{id}}. */
  private static String openApiPath(String vertxPath) {
    return vertxPath.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }
}
