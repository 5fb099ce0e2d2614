package dev.sessiond.store.postgres.internal;

import dev.sessiond.store.postgres.PostgresConfig;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the store URL {@code postgres://[user[:password]@]host[:port]/database[?options]} into a
 * {@link PostgresConfig}. The user part runs up to the last {@code @}, so a password may hold
 * {@code @}, {@code /}, {@code ?} or {@code :} unescaped. Error messages name the part that is
 * wrong but never quote any of the URL: in a malformed URL (a forgotten host, say) the password
 * may stand where a host, port or option was expected.
 */
public final class StoreUrl {
  private static final List<String> SCHEMES = List.of("postgres://", "postgresql://");
  private static final List<String> OPTIONS =
      List.of("schema", "pool", "connect-timeout", "sslmode");
  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern POOL = Pattern.compile("[0-9]{1,6}");
  private static final Pattern TIMEOUT = Pattern.compile("([0-9]{1,9})(ms|s|m)");
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private StoreUrl() {}

  /**
   * The configuration {@code url} names.
   *
   * @throws IllegalArgumentException naming the bad part, never quoting the URL
   */
  public static PostgresConfig parse(String url) {
    String rest = withoutScheme(url);
    int at = rest.lastIndexOf('@');
    String[] credentials = at < 0 ? new String[2] : credentials(rest.substring(0, at));
    String location = rest.substring(at + 1);
    if (location.indexOf('#') >= 0) {
      throw invalid("it must not have a fragment (#)");
    }
    int question = location.indexOf('?');
    Map<String, String> options =
        question < 0 ? Map.of() : options(location.substring(question + 1));
    String hostAndPath = question < 0 ? location : location.substring(0, question);
    int slash = hostAndPath.indexOf('/');
    if (slash < 0) {
      throw invalid("it names no database; add /DATABASE after the host");
    }
    String hostPort = hostPort(hostAndPath.substring(0, slash));
    String database = database(hostAndPath.substring(slash + 1));
    String sslMode = options.get("sslmode");
    String jdbcUrl = "jdbc:postgresql://" + hostPort + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8)
        + (sslMode == null ? "" : "?sslmode=" + sslMode);
    return new PostgresConfig(jdbcUrl, credentials[0], credentials[1],
        options.getOrDefault("schema", PostgresConfig.DEFAULT_SCHEMA), pool(options.get("pool")),
        timeout(options.get("connect-timeout")));
  }

  private static String withoutScheme(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    for (String scheme : SCHEMES) {
      if (lower.startsWith(scheme)) {
        return url.substring(scheme.length());
      }
    }
    throw invalid("it must start with postgres:// or postgresql://");
  }

  /** User and password (either {@code null} when absent) of the part before the last {@code @}. */
  private static String[] credentials(String userInfo) {
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1), "password");
    if (user.isEmpty()) {
      throw invalid("the user before @ is empty; leave out the @ to log in as the driver's"
          + " default");
    }
    return new String[] {user, password.isEmpty() ? null : password};
  }

  private static String hostPort(String authority) {
    if (authority.indexOf(',') >= 0) {
      throw invalid("it names more than one host");
    }
    int portColon = authority.lastIndexOf(':');
    if (portColon < authority.lastIndexOf(']')) {
      portColon = -1;
    }
    String host = portColon < 0 ? authority : authority.substring(0, portColon);
    if (host.isEmpty()) {
      throw invalid("it names no host");
    }
    if (!HOST.matcher(host).matches()) {
      throw invalid("the host is not a host name, an IPv4 address or a bracketed IPv6 address");
    }
    int port = PostgresConfig.DEFAULT_PORT;
    if (portColon >= 0) {
      String digits = authority.substring(portColon + 1);
      port = PORT.matcher(digits).matches() ? Integer.parseInt(digits) : 0;
      if (port < 1 || port > 65535) {
        throw invalid("the port is not a number from 1 to 65535");
      }
    }
    return host + ":" + port;
  }

  private static String database(String path) {
    if (path.indexOf('/') >= 0) {
      throw invalid("the database name must not contain /");
    }
    String database = decode(path, "database name");
    if (database.isEmpty()) {
      throw invalid("it names no database; add /DATABASE after the host");
    }
    return database;
  }

  private static Map<String, String> options(String query) {
    Map<String, String> options = new HashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals), "option name");
      if (!OPTIONS.contains(name)) {
        throw invalid("an option is not one of " + String.join(", ", OPTIONS));
      }
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), "option " + name);
      if (value.isEmpty()) {
        throw invalid("the option " + name + " has no value");
      }
      if (options.put(name, value) != null) {
        throw invalid("the option " + name + " is given twice");
      }
    }
    String schema = options.get("schema");
    if (schema != null && !SCHEMA.matcher(schema).matches()) {
      throw invalid("the schema is not 1 to 63 characters of [a-z0-9_] starting with a letter"
          + " or _");
    }
    String sslMode = options.get("sslmode");
    if (sslMode != null && !SSL_MODES.contains(sslMode)) {
      throw invalid("the sslmode is not one of disable, allow, prefer, require, verify-ca,"
          + " verify-full");
    }
    return options;
  }

  private static int pool(String value) {
    if (value == null) {
      return PostgresConfig.DEFAULT_POOL_SIZE;
    }
    int size = POOL.matcher(value).matches() ? Integer.parseInt(value) : 0;
    if (size < 1) {
      throw invalid("the pool is not a whole number of connections, at least 1");
    }
    return size;
  }

  private static Duration timeout(String value) {
    if (value == null) {
      return PostgresConfig.DEFAULT_CONNECT_TIMEOUT;
    }
    Matcher m = TIMEOUT.matcher(value);
    if (!m.matches()) {
      throw invalid("the connect-timeout is not a whole number with ms, s or m, such as 5s");
    }
    long amount = Long.parseLong(m.group(1));
    Duration timeout = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
    if (timeout.compareTo(PostgresConfig.MIN_CONNECT_TIMEOUT) < 0) {
      throw invalid("the connect-timeout is shorter than 250ms");
    }
    return timeout;
  }

  /**
   * {@code raw} with its percent escapes decoded as UTF-8 ({@code +} stays a plus sign).
   *
   * @param part what {@code raw} is, for the message
   */
  private static String decode(String raw, String part) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < raw.length()) {
      int percent = raw.indexOf('%', i);
      int end = percent < 0 ? raw.length() : percent;
      bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
      if (percent < 0) {
        break;
      }
      int high = percent + 2 < raw.length() ? Character.digit(raw.charAt(percent + 1), 16) : -1;
      int low = high < 0 ? -1 : Character.digit(raw.charAt(percent + 2), 16);
      if (low < 0) {
        throw invalid("the " + part + " has a % that is not followed by two hex digits"
            + " (write % itself as %25)");
      }
      bytes.write(high * 16 + low);
      i = percent + 3;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw invalid("the " + part + " is not percent-encoded UTF-8");
    }
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("invalid PostgreSQL store URL: " + why);
  }
}
