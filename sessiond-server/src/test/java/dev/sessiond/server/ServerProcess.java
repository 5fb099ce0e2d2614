package dev.sessiond.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sessiond server in a JVM of its own ({@code sessiond serve} on this test's class path), for
 * tests that kill a node or run several. Nodes started on one data directory share its admin key
 * and key-encryption key, as the nodes of one deployment must.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  private final Process process;
  private final int port;
  private final Path dataDir;

  private ServerProcess(Process process, int port, Path dataDir) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
  }

  /**
   * Starts a node on {@code storeUrl} with {@code dataDir} on a free port, and waits until it
   * listens.
   *
   * @throws IllegalStateException with the node's output if it exits before listening
   */
  static ServerProcess start(Path dataDir, String storeUrl, String... moreArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"),
        "dev.sessiond.server.cli.SessiondCommand", "serve",
        "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString(),
        "--store", storeUrl));
    command.addAll(List.of(moreArgs));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      return new ServerProcess(child, awaitPort(child), dataDir);
    } catch (Exception | Error e) {
      child.destroyForcibly();
      throw e;
    }
  }

  int port() {
    return port;
  }

  /** A client with the deployment's admin key. */
  ApiClient api() throws Exception {
    return new ApiClient(port, Files.readString(dataDir.resolve("admin.key")).trim());
  }

  /** Freezes the node (SIGSTOP): it holds its connections but does nothing until {@link #thaw}. */
  void freeze() throws Exception {
    signal("STOP");
  }

  /** Lets a frozen node go on (SIGCONT). */
  void thaw() throws Exception {
    signal("CONT");
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
        .inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " failed");
    }
  }

  /** SIGKILL, and waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the killed node did not exit");
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }

  private static int awaitPort(Process child) throws Exception {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Path log = Files.createTempFile("sessiond-node-", ".log");
        Files.writeString(log, seen);
        Thread drain = new Thread(() -> {
          try (var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
              java.nio.file.StandardOpenOption.APPEND)) {
            for (String next = out.readLine(); next != null; next = out.readLine()) {
              writer.write(next);
              writer.newLine();
              writer.flush();
            }
          } catch (java.io.IOException | java.io.UncheckedIOException gone) {
            // The node was killed: nothing more to read.
          }
        }, "child-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("the server did not start:\n" + seen);
  }
}
