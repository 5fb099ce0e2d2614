package dev.sessiond.client;

import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.SessiondServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real sessiond server for one test class, in-process: on a free loopback port, on a fresh
 * SQLite data directory that is deleted afterwards. Register it as
 * {@code @RegisterExtension static final RunningSessiond SERVER = RunningSessiond.start();}.
 * Its accessors work only between the class's first and last test.
 */
public final class RunningSessiond implements BeforeAllCallback, AfterAllCallback {
  private Path dataDir;
  private SessiondServer server;

  private RunningSessiond() {}

  /** A server with the default configuration, started before the class's first test. */
  public static RunningSessiond start() {
    return new RunningSessiond();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("sessiond-client-test-");
    server = SessiondServer.start(
        ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).build());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      server = null;
      if (dataDir != null) {
        try (Stream<Path> files = Files.walk(dataDir)) {
          for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  /** The running server. */
  public SessiondServer server() {
    return server;
  }

  /** Its base URL, such as {@code http://127.0.0.1:41234}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Its admin API key (every method, every tenant). */
  public String adminKey() {
    return server.adminKey();
  }

  /** A client configuration with {@link #url()} and {@link #adminKey()}, every other default. */
  public ClientConfig config() {
    return ClientConfig.builder().url(url()).apiKey(adminKey()).build();
  }
}
