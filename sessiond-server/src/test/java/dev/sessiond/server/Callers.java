package dev.sessiond.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.Method;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import java.time.Instant;
import java.util.List;

/**
 * Makes the callers of access tests through the HTTP API, with the admin key of a running server:
 * API keys with a manifest, session users (end users, org admins, global admins) and support
 * grants. Each fails the test unless the server says 201.
 */
final class Callers {
  /** The role of an org admin. */
  static final String ORG_ADMIN = "org_admin";
  /** The role of a global admin. */
  static final String GLOBAL_ADMIN = "global_admin";

  private Callers() {}

  /** An API key of {@code tenantId} ({@code null}: of every tenant) declaring {@code methods}. */
  static Key apiKey(RunningServer server, String tenantId, String... methods) {
    return apiKey(server.api(), tenantId, methods);
  }

  /** The same, made through {@code admin}. */
  static Key apiKey(ApiClient admin, String tenantId, String... methods) {
    Reply reply = admin.post("/v1/api-keys", ApiClient.json(
        "tenantId", tenantId, "methods", List.of(methods), "name", "test"));
    JsonNode body = created(reply).json();
    return new Key(body.get("id").asText(), body.get("key").asText());
  }

  /** Every method's wire name: the manifest of a key that may do anything in its walls. */
  static String[] allMethods() {
    return Method.knownNames().toArray(String[]::new);
  }

  /** A session of {@code userId} in {@code tenantId} with {@code roles}. */
  static Opened session(RunningServer server, String tenantId, String userId, String... roles) {
    return server.api().open(openBody(tenantId, userId, roles));
  }

  /** The body of {@code POST /v1/sessions}. */
  static String openBody(String tenantId, String userId, String... roles) {
    return ApiClient.json("tenantId", tenantId, "userId", userId, "username", userId,
        "roles", roles.length == 0 ? null : List.of(roles));
  }

  /** A support grant of {@code tenantId} until {@code expiresAt}; its id. */
  static String grant(RunningServer server, String tenantId, Instant expiresAt) {
    Reply reply = server.api().post("/v1/tenants/" + tenantId + "/support-grants",
        ApiClient.json("expiresAt", expiresAt.toString(), "note", "test"));
    return created(reply).json().get("id").asText();
  }

  private static Reply created(Reply reply) {
    if (reply.status() != 201) {
      throw new AssertionError("expected 201: " + reply);
    }
    return reply;
  }

  /** An API key: its public id and the whole key. */
  record Key(String id, String secret) {
    /** A client of {@code server} that sends this key. */
    ApiClient client(RunningServer server) {
      return server.api().withKey(secret);
    }
  }
}
