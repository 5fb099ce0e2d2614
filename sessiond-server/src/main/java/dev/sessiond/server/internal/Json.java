package dev.sessiond.server.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sessiond.ClientType;
import dev.sessiond.GrantStatus;
import dev.sessiond.Method;
import dev.sessiond.SessionStatus;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The one JSON mapper of the HTTP API, strict on the way in and predictable on the way out:
 * unknown members, trailing content, duplicate keys and scalar coercions ({@code 5} for a string,
 * {@code "x"} for a list) are all rejected; instants are written as ISO-8601 UTC strings and enums
 * as their lowercase wire names.
 */
public final class Json {
  private static final ObjectMapper MAPPER = build();
  private static final ObjectWriter WRITER = MAPPER.writer();
  private static final ObjectReader TREE_READER = MAPPER.reader();

  private Json() {}

  /** The configured mapper; never modify it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads any JSON document into a tree, for the strict body reader. */
  static ObjectReader treeReader() {
    return TREE_READER;
  }

  /** Serialises {@code value} to a buffer. */
  public static Buffer write(Object value) {
    try {
      return Buffer.buffer(WRITER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code value} as a JSON object's members, in order, for adding members to a view. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> members(Object value) {
    return MAPPER.convertValue(value, LinkedHashMap.class);
  }

  private static ObjectMapper build() {
    SimpleModule wire = new SimpleModule("sessiond-wire-names");
    wire.addSerializer(Method.class, new WireNameSerializer<>(Method.class, Method::wireName));
    wire.addSerializer(GrantStatus.class, new WireNameSerializer<>(GrantStatus.class,
        g -> g.name().toLowerCase(java.util.Locale.ROOT)));
    wire.addSerializer(ClientType.class, new WireNameSerializer<>(ClientType.class, ClientType::wireName));
    wire.addSerializer(
        SessionStatus.class, new WireNameSerializer<>(SessionStatus.class, SessionStatus::wireName));
    ObjectMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(wire)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonParser.Feature.ALLOW_COMMENTS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        // Views are records: their components are the members, not helpers such as isActive().
        .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
        .build();
    // A string is only ever a JSON string: 5, 1.5 and true are not coerced into one.
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // A whole number is only ever a JSON integer: 1.5 is not truncated into one.
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    // Lists and maps are only ever arrays and objects: "" is not an empty one.
    for (LogicalType type : new LogicalType[] {LogicalType.Collection, LogicalType.Map}) {
      mapper.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
          .setAcceptBlankAsEmpty(false);
    }
    return mapper;
  }

  /** Writes an enum constant as its wire name. */
  private static final class WireNameSerializer<E extends Enum<E>> extends StdSerializer<E> {
    private static final long serialVersionUID = 1L;
    private final transient Function<E, String> name;

    WireNameSerializer(Class<E> type, Function<E, String> name) {
      super(type);
      this.name = name;
    }

    @Override
    public void serialize(E value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(name.apply(value));
    }
  }
}
