package dev.sessiond.server.cli;

import dev.sessiond.server.internal.ConfigResolver;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that opens the store shares ({@code serve}, {@code keys rotate}),
 * mixed into each with picocli's {@code @Mixin}. Unset options are {@code null}: the environment,
 * the config file or the defaults decide.
 */
final class StoreOptions {
  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ./data).")
  private Path dataDir;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML config file.")
  private Path configFile;

  @Option(names = "--store", paramLabel = "URL", description = "Store: sqlite:<file> (default "
      + "sqlite:<data-dir>/sessiond.db) or memory: (throwaway; serve only).")
  private String store;

  /** These options with a host and port ({@code null} when the command has none). */
  ConfigResolver.Flags flags(String host, Integer port) {
    return new ConfigResolver.Flags(host, port, dataDir, configFile, store);
  }
}
