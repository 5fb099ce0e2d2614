package dev.sessiond.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads request bodies into records, turning every way a body can be wrong into a {@link
 * SessiondException} with a stable code: not JSON or not an object ({@code malformed_json}), a
 * member the record lacks ({@code unknown_field}), a member of the wrong type ({@code
 * invalid_field}). Details name the member but never echo values.
 */
final class JsonBodies {
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private JsonBodies() {}

  /**
   * The body as {@code type}.
   *
   * @throws SessiondException {@code malformed_json} if there is no body
   */
  static <T> T required(RoutingContext ctx, Class<T> type) {
    JsonNode node = tree(ctx);
    if (node == null) {
      throw new SessiondException(ErrorCode.MALFORMED_JSON, "a JSON object body is required");
    }
    return bind(node, type);
  }

  /** The body as {@code type}, or {@code absent} if the request has no body. */
  static <T> T optional(RoutingContext ctx, Class<T> type, T absent) {
    JsonNode node = tree(ctx);
    return node == null ? absent : bind(node, type);
  }

  /** The body as an object tree, or {@code null} if there is none. */
  private static JsonNode tree(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.treeReader().readTree(buffer.getBytes());
    } catch (IOException e) {
      throw new SessiondException(ErrorCode.MALFORMED_JSON, "the body is not well-formed JSON");
    }
    if (node == null || node.isMissingNode()) {
      return null;
    }
    if (!node.isObject()) {
      throw new SessiondException(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
    }
    return node;
  }

  private static <T> T bind(JsonNode node, Class<T> type) {
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      String name = e.getPropertyName();
      throw new SessiondException(ErrorCode.UNKNOWN_FIELD, name != null && SAFE_NAME.matcher(name).matches()
          ? "unknown member " + name : "the body has an unknown member");
    } catch (MismatchedInputException e) {
      throw new SessiondException(ErrorCode.INVALID_FIELD, path(e) + " has the wrong type");
    } catch (JsonMappingException e) {
      throw new SessiondException(ErrorCode.INVALID_FIELD, path(e) + " is not valid");
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new SessiondException(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
    }
  }

  /** The JSON path of the failing member, such as {@code roles[0]}; never a value. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      String name = ref.getFieldName();
      if (name != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(SAFE_NAME.matcher(name).matches() ? name : "?");
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "a member" : path.toString();
  }
}
