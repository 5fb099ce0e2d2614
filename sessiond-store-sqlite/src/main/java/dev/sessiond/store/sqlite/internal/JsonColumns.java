package dev.sessiond.store.sqlite.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The JSON text columns: lists of strings (session roles, API-key methods) and maps of strings
 * (session attributes). Map entries are written sorted by key, so equal values give equal text.
 *
 * <p>Error messages name columns, never values: rows are not to appear in logs.
 */
final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader LIST_READER =
      MAPPER.readerFor(new TypeReference<List<String>>() {});
  private static final ObjectReader MAP_READER =
      MAPPER.readerFor(new TypeReference<Map<String, String>>() {});
  private static final ObjectWriter WRITER =
      MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private JsonColumns() {}

  /** {@code value}, a collection or map of strings, as JSON text for {@code column}. */
  static String write(Object value, String column) {
    try {
      return WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Strings, lists and maps of strings always serialize; say which column, not what it held.
      throw new IllegalArgumentException("cannot write column " + column + " as JSON");
    }
  }

  /** The list of strings {@code column} holds as {@code json}. */
  static List<String> readList(String json, String column) throws SQLException {
    return read(LIST_READER, json, column);
  }

  /** The map of strings {@code column} holds as {@code json}. */
  static Map<String, String> readMap(String json, String column) throws SQLException {
    return read(MAP_READER, json, column);
  }

  private static <T> T read(ObjectReader reader, String json, String column) throws SQLException {
    try {
      return reader.readValue(json);
    } catch (JsonProcessingException e) {
      throw new SQLException("column " + column + " holds malformed JSON");
    }
  }
}
