package dev.sessiond.store.postgres.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.postgresql.util.PGobject;

/**
 * How the store's Java values map to PostgreSQL types, both ways: {@link Instant} to {@code
 * timestamptz} (exact to the microsecond, so whole milliseconds round-trip), lists of strings to
 * {@code text[]} (order kept), maps of strings to {@code jsonb}. A {@code null} instant is SQL
 * {@code NULL} and reads back as {@code null}.
 *
 * <p>Error messages name columns, never values: rows are not to appear in logs.
 */
public final class PgTypes {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader MAP_READER =
      MAPPER.readerFor(new TypeReference<Map<String, String>>() {});
  private static final ObjectWriter WRITER =
      MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private PgTypes() {}

  /** {@code at} as a {@code timestamptz} parameter; {@code null} for {@code null}. */
  public static OffsetDateTime timestamp(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  /** The {@code timestamptz} in {@code column}, or {@code null} if it holds SQL {@code NULL}. */
  public static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime at = rows.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  /** {@code values} as a {@code text[]} parameter, in iteration order. */
  public static String[] textArray(Collection<String> values) {
    return values.toArray(new String[0]);
  }

  /** The {@code text[]} in {@code column}, in order. */
  public static List<String> textList(ResultSet rows, String column) throws SQLException {
    Array array = rows.getArray(column);
    try {
      return List.of((String[]) array.getArray());
    } finally {
      array.free();
    }
  }

  /** {@code map} as a {@code jsonb} parameter for {@code column}, keys sorted. */
  public static PGobject jsonb(Map<String, String> map, String column) {
    PGobject json = new PGobject();
    json.setType("jsonb");
    try {
      json.setValue(WRITER.writeValueAsString(map));
    } catch (JsonProcessingException | SQLException e) {
      // Maps of strings always serialize; say which column, not what it held.
      throw new IllegalArgumentException("cannot write column " + column + " as JSON");
    }
    return json;
  }

  /** The {@code jsonb} object of strings in {@code column}. */
  public static Map<String, String> jsonbMap(ResultSet rows, String column) throws SQLException {
    try {
      return MAP_READER.readValue(rows.getString(column));
    } catch (JsonProcessingException e) {
      throw new SQLException("column " + column + " holds JSON that is not an object of strings");
    }
  }
}
