package dev.sessiond.client.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.client.model.ApiKey;
import dev.sessiond.client.model.ClientType;
import dev.sessiond.client.model.CreatedApiKey;
import dev.sessiond.client.model.Introspection;
import dev.sessiond.client.model.MySession;
import dev.sessiond.client.model.Page;
import dev.sessiond.client.model.Session;
import dev.sessiond.client.model.TokenClaims;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answers whose JSON is not one record's shape: lists and pages, flat objects that carry
 * one more member than a model (self-service sessions, a created key), and introspection. Each
 * throws a {@code malformed_response} {@link dev.sessiond.client.SessiondApiException} when the
 * answer does not have the documented shape.
 */
public final class Models {
  private Models() {}

  /** {@code {"items": [...]}} as a list of {@code type}. */
  public static <T> List<T> items(HttpTransport.Reply reply, Class<T> type) {
    return items(reply.status(), reply.json(), type);
  }

  /** {@code {"items": [...], "nextPageToken": ...}} as a page of {@code type}. */
  public static <T> Page<T> page(HttpTransport.Reply reply, Class<T> type) {
    JsonNode body = reply.json();
    return new Page<>(items(reply.status(), body, type), Json.text(body, "nextPageToken"));
  }

  /** A self-service list: sessions with {@code current}. */
  public static List<MySession> mySessions(HttpTransport.Reply reply) {
    JsonNode items = reply.json().path("items");
    if (!items.isArray()) {
      throw Problems.malformed(reply.status(), "a list of sessions", null);
    }
    List<MySession> sessions = new ArrayList<>();
    for (JsonNode item : items) {
      sessions.add(new MySession(read(reply.status(), item, Session.class),
          item.path("current").asBoolean(false)));
    }
    return List.copyOf(sessions);
  }

  /** A new key: the key's description and {@code key}. */
  public static CreatedApiKey createdApiKey(HttpTransport.Reply reply) {
    JsonNode body = reply.json();
    String key = Json.text(body, "key");
    if (key == null) {
      throw Problems.malformed(reply.status(), "a new API key", null);
    }
    return new CreatedApiKey(read(reply.status(), body, ApiKey.class), key);
  }

  /** An RFC 7662 answer. */
  public static Introspection introspection(HttpTransport.Reply reply) {
    JsonNode body = reply.json();
    if (!body.path("active").isBoolean()) {
      throw Problems.malformed(reply.status(), "an introspection", null);
    }
    if (!body.get("active").asBoolean()) {
      return Introspection.INACTIVE;
    }
    List<String> roles = new ArrayList<>();
    body.path("roles").forEach(role -> roles.add(role.asText()));
    String ctype = Json.text(body, "ctype");
    return new Introspection(true, new TokenClaims(Json.text(body, "sub"),
        Json.text(body, "sid"), Json.text(body, "tid"),
        Instant.ofEpochSecond(body.path("exp").asLong()),
        Instant.ofEpochSecond(body.path("iat").asLong()), body.path("jti").asText(""),
        Json.text(body, "iss"), Json.text(body, "username"), roles,
        ctype == null ? null : read(reply.status(), body.get("ctype"), ClientType.class)));
  }

  private static <T> List<T> items(int status, JsonNode body, Class<T> type) {
    JsonNode items = body.path("items");
    if (!items.isArray()) {
      throw Problems.malformed(status, "a list", null);
    }
    List<T> list = new ArrayList<>();
    for (JsonNode item : items) {
      list.add(read(status, item, type));
    }
    return List.copyOf(list);
  }

  private static <T> T read(int status, JsonNode node, Class<T> type) {
    try {
      return Json.read(node, type);
    } catch (IllegalArgumentException e) {
      throw Problems.malformed(status, "a " + type.getSimpleName(), e);
    }
  }
}
