package dev.sessiond.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server for one test class: listening on a free loopback port, on a real SQLite file in a
 * directory of its own that is deleted afterwards. Register it as a static field with
 * {@code @RegisterExtension}.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {
  private final Clock clock;
  private final UnaryOperator<ServerConfig.Builder> customize;
  private Path dataDir;
  private SessiondServer server;
  private ApiClient api;

  private RunningServer(Clock clock, UnaryOperator<ServerConfig.Builder> customize) {
    this.clock = clock;
    this.customize = customize;
  }

  /** A server with the default configuration. */
  public static RunningServer onSqlite() {
    return new RunningServer(Clock.systemUTC(), b -> b);
  }

  /** A server whose configuration {@code customize} adjusts. */
  public static RunningServer onSqlite(UnaryOperator<ServerConfig.Builder> customize) {
    return new RunningServer(Clock.systemUTC(), customize);
  }

  /** A server on {@code clock} (such as a {@link dev.sessiond.ManualClock}), adjusted by {@code customize}. */
  public static RunningServer onSqlite(Clock clock, UnaryOperator<ServerConfig.Builder> customize) {
    return new RunningServer(clock, customize);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("sessiond-test-");
    server = SessiondServer.start(customize.apply(
        ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)).build(), clock);
    api = ApiClient.of(server);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    server.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The server; only between the class's first and last test. */
  public SessiondServer server() {
    return server;
  }

  /** Its data directory (the SQLite file and the key files). */
  public Path dataDir() {
    return dataDir;
  }

  /** A client with the admin key. */
  public ApiClient api() {
    return api;
  }
}
