package dev.sessiond.server.internal;

import dev.sessiond.server.ServerConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the {@link ServerConfig} from its sources, each overriding the one before: defaults, the
 * YAML file ({@code --config}, else {@code SESSIOND_CONFIG}), the environment, then flags.
 */
public final class ConfigResolver {
  /** Environment variable: path of the YAML config file. */
  public static final String ENV_CONFIG = "SESSIOND_CONFIG";
  /** Environment variable: interface to listen on. */
  public static final String ENV_HOST = "SESSIOND_HOST";
  /** Environment variable: port to listen on. */
  public static final String ENV_PORT = "SESSIOND_PORT";
  /** Environment variable: data directory. */
  public static final String ENV_DATA_DIR = "SESSIOND_DATA_DIR";
  /** Environment variable: store URL. */
  public static final String ENV_STORE = "SESSIOND_STORE";
  /** Environment variable: admin bearer key. */
  public static final String ENV_ADMIN_KEY = "SESSIOND_ADMIN_KEY";
  /** Environment variable: key-encryption key for signing keys at rest (base64 of 32 bytes). */
  public static final String ENV_KEY_ENCRYPTION_KEY = "SESSIOND_KEY_ENCRYPTION_KEY";

  private ConfigResolver() {}

  /**
   * What was given on the command line; each {@code null} leaves the value to the other sources.
   */
  public record Flags(String host, Integer port, Path dataDir, Path configFile, String store) {
    /** No flags at all. */
    public static final Flags NONE = new Flags(null, null, null, null, null);
  }

  /**
   * The configuration from {@code flags} over {@code env} over the file over defaults.
   *
   * @param env the environment, such as {@link System#getenv()}; empty values count as unset
   * @throws IllegalArgumentException with a message naming the source and key at fault
   */
  public static ServerConfig resolve(Flags flags, Map<String, String> env) {
    ServerConfig.Builder builder = ServerConfig.builder();
    Path file = flags.configFile() != null ? flags.configFile() : path(env.get(ENV_CONFIG));
    if (file != null) {
      ConfigFile.apply(file, builder);
    }
    String host = value(env.get(ENV_HOST));
    if (host != null) {
      builder.host(host);
    }
    String port = value(env.get(ENV_PORT));
    if (port != null) {
      builder.port(port(port));
    }
    Path dataDir = path(env.get(ENV_DATA_DIR));
    if (dataDir != null) {
      builder.dataDir(dataDir);
    }
    String store = value(env.get(ENV_STORE));
    if (store != null) {
      builder.storeUrl(store);
    }
    String adminKey = value(env.get(ENV_ADMIN_KEY));
    if (adminKey != null) {
      builder.adminKey(adminKey);
    }
    String keyEncryptionKey = value(env.get(ENV_KEY_ENCRYPTION_KEY));
    if (keyEncryptionKey != null) {
      SecretFiles.decodeKeyEncryptionKey(ENV_KEY_ENCRYPTION_KEY, keyEncryptionKey);
      builder.keyEncryptionKey(keyEncryptionKey);
    }
    if (flags.host() != null) {
      builder.host(flags.host());
    }
    if (flags.port() != null) {
      builder.port(flags.port());
    }
    if (flags.dataDir() != null) {
      builder.dataDir(flags.dataDir());
    }
    if (flags.store() != null) {
      builder.storeUrl(flags.store());
    }
    return builder.build();
  }

  private static int port(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(ENV_PORT + " must be a port number from 0 to 65535");
    }
  }

  private static String value(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static Path path(String text) {
    return value(text) == null ? null : Path.of(text.strip());
  }
}
