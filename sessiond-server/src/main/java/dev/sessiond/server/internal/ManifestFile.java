package dev.sessiond.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sessiond.Method;
import dev.sessiond.SessiondException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An API key's manifest: the YAML file that declares the methods a key may call, by their {@link
 * Method#wireName() wire names}. Two shapes are accepted, never both in one file:
 *
 * <pre>{@code
 * name: monitoring-plugin            # optional label
 * methods: [sessions.search, sessions.batch_get]
 * }</pre>
 *
 * and the plugin host's {@code plugin.yaml} shape, whose methods are the union of every entry's
 * (each method must belong to its entry's service, the part of its name before the dot):
 *
 * <pre>{@code
 * hostServices:
 *   - service: sessions
 *     methods: [sessions.search, sessions.batch_get]
 * }</pre>
 *
 * @param name the label the file gives; {@code null} if it gives none
 * @param methods what the file declares; never empty
 */
public record ManifestFile(String name, Set<Method> methods) {
  /** The largest manifest read, in bytes. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final ObjectReader READER = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build()
      .readerFor(Root.class);

  public ManifestFile {
    methods = Set.copyOf(methods);
  }

  /**
   * Reads and checks {@code file}.
   *
   * @throws IllegalArgumentException with a message naming the file and what is wrong: missing,
   *     unreadable, larger than {@link #MAX_BYTES}, not YAML, an unknown key, no methods, or a method
   *     this version does not know (the message names it and lists the known ones)
   */
  public static ManifestFile read(Path file) {
    Root root = parse(file, bytes(file));
    try {
      return (root == null ? new Root(null, null, null) : root).manifest();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("manifest " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IllegalArgumentException("manifest " + file + " is larger than " + MAX_BYTES
            + " bytes");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("manifest " + file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("cannot read manifest " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read manifest " + file + ": " + e.getMessage(), e);
    }
  }

  private static Root parse(Path file, byte[] bytes) {
    try (JsonParser parser = READER.createParser(bytes)) {
      return parser.nextToken() == null ? null : READER.readValue(parser);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("manifest " + file + ": unknown key '" + where(e)
          + "'; known keys here: " + String.join(", ", new TreeSet<>(e.getKnownPropertyIds()
              .stream().map(String::valueOf).toList())), e);
    } catch (JsonMappingException e) {
      StreamReadException syntax = syntaxError(e);
      if (syntax != null) {
        throw notYaml(file, syntax);
      }
      String at = where(e);
      throw new IllegalArgumentException("manifest " + file + ": "
          + (at.isEmpty() ? "not a mapping of name, methods or hostServices"
              : "'" + at + "' has the wrong type") + line(e), e);
    } catch (JsonProcessingException e) {
      throw notYaml(file, e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read manifest " + file + ": " + e.getMessage(), e);
    }
  }

  /** The syntax error a mapping error wraps (one inside a list is reported so); {@code null} if none. */
  private static StreamReadException syntaxError(JsonMappingException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamReadException syntax) {
        return syntax;
      }
    }
    return null;
  }

  private static IllegalArgumentException notYaml(Path file, JsonProcessingException e) {
    return new IllegalArgumentException("manifest " + file + " is not valid YAML" + line(e), e);
  }

  /** Where in the file a mapping error is, such as {@code hostServices[0].methods}. */
  private static String where(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining());
    return path.startsWith(".") ? path.substring(1) : path;
  }

  private static String line(JsonProcessingException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1
        ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  /** The top level of the file. */
  record Root(
      @JsonProperty("name") String name,
      @JsonProperty("methods") List<String> methods,
      @JsonProperty("hostServices") List<HostService> hostServices) {

    ManifestFile manifest() {
      if (methods == null && hostServices == null) {
        throw new IllegalArgumentException("declares no methods; list them under methods "
            + "(or hostServices); known methods: " + String.join(", ", Method.knownNames()));
      }
      if (methods != null && hostServices != null) {
        throw new IllegalArgumentException("give methods or hostServices, not both");
      }
      if (hostServices == null) {
        return new ManifestFile(name, parse("methods", methods));
      }
      if (hostServices.isEmpty()) {
        throw new IllegalArgumentException("hostServices lists no service");
      }
      EnumSet<Method> all = EnumSet.noneOf(Method.class);
      for (int i = 0; i < hostServices.size(); i++) {
        HostService entry = hostServices.get(i);
        if (entry == null) {
          throw new IllegalArgumentException("hostServices[" + i + "] is empty");
        }
        all.addAll(entry.methods("hostServices[" + i + "]"));
      }
      return new ManifestFile(name, all);
    }
  }

  /** One entry of {@code hostServices}. */
  record HostService(
      @JsonProperty("service") String service,
      @JsonProperty("methods") List<String> methods) {

    Set<Method> methods(String at) {
      if (service == null || service.isBlank()) {
        throw new IllegalArgumentException(at + ".service is missing");
      }
      Set<Method> parsed = parse(at + ".methods", methods);
      for (Method method : parsed) {
        if (!method.wireName().startsWith(service + ".")) {
          throw new IllegalArgumentException(at + ": method '" + method.wireName()
              + "' is not a method of service '" + service + "'");
        }
      }
      return parsed;
    }
  }

  /** {@link Method#parseAll}, with its refusal as an {@link IllegalArgumentException}. */
  private static Set<Method> parse(String at, Collection<String> names) {
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException(at + " is missing or empty; known methods: "
          + String.join(", ", Method.knownNames()));
    }
    try {
      return Method.parseAll(names);
    } catch (SessiondException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
    }
  }
}
