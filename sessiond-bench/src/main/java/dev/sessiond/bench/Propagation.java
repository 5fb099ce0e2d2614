package dev.sessiond.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures how long a revoke answered by one node takes to reach another: node B's event stream
 * ({@code GET /v1/events}) is followed while sessions are opened and revoked on node A, one at a
 * time; for each, the delay runs from A's 200 to B's {@code session.revoked} frame. B sends that
 * frame only after applying the event, so from then on B rejects the session's tokens.
 *
 * <pre>java -cp sessiond-bench/target/benchmarks.jar dev.sessiond.bench.Propagation \
 *   --node-a http://127.0.0.1:7301 --node-b http://127.0.0.1:7302 --key-file DIR/admin.key</pre>
 */
@Command(name = "propagation", mixinStandardHelpOptions = true,
    description = "Revoke on node A, measure until node B's event stream reports it.")
public final class Propagation implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--node-a", description = "the node that revokes (default: ${DEFAULT-VALUE})")
  URI nodeA = URI.create("http://127.0.0.1:7301");

  @Option(names = "--node-b", description = "the node whose stream is followed (default: ${DEFAULT-VALUE})")
  URI nodeB = URI.create("http://127.0.0.1:7302");

  @Option(names = "--key-file", description = "file holding the admin key (default: ${DEFAULT-VALUE})")
  Path keyFile = Path.of("data/admin.key");

  @Option(names = "--samples", description = "revokes measured (default: ${DEFAULT-VALUE})")
  int samples = 1000;

  @Option(names = "--warmup", description = "revokes before measuring (default: ${DEFAULT-VALUE})")
  int warmup = 100;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
  private final Object seen = new Object();
  private String authorization;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Propagation()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    authorization = "Bearer " + Files.readString(keyFile).trim();
    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(
            nodeB.resolve("/v1/events?tenantId=propagation"))
        .header("Authorization", authorization).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (stream.statusCode() != 200) {
      throw new IllegalStateException("node B refused the stream: HTTP " + stream.statusCode());
    }
    Thread reader = new Thread(() -> follow(stream.body()), "sse");
    reader.setDaemon(true);
    reader.start();

    Histogram afterAnswer = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    Histogram afterRequest = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    for (int i = 0; i < warmup + samples; i++) {
      JsonNode opened = JSON.readTree(post("/v1/sessions", "{\"tenantId\":\"propagation\","
          + "\"userId\":\"u" + i + "\"}"));
      String id = opened.get("session").get("id").asText();
      long sent = System.nanoTime();
      post("/v1/sessions/" + id + "/revoke", "{}");
      long answered = System.nanoTime();
      long arrived = awaitRevoked(id);
      if (i >= warmup) {
        afterAnswer.recordValue(Math.max(1, (arrived - answered) / 1000));
        afterRequest.recordValue(Math.max(1, (arrived - sent) / 1000));
      }
    }
    report("from A's answer to B's frame", afterAnswer);
    report("from the revoke request to B's frame", afterRequest);
    stream.body().close();
    return 0;
  }

  private String post(String path, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(nodeA.resolve(path))
        .header("Authorization", authorization).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(path + ": HTTP " + response.statusCode());
    }
    return response.body();
  }

  private long awaitRevoked(String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    synchronized (seen) {
      while (!seenAt.containsKey(id)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("node B never reported the revoke of " + id);
        }
        seen.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
    return seenAt.remove(id);
  }

  private void follow(InputStream body) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ") && "session.revoked".equals(event)) {
          long now = System.nanoTime();
          String id = JSON.readTree(line.substring(6)).get("sessionId").asText();
          synchronized (seen) {
            seenAt.put(id, now);
            seen.notifyAll();
          }
        }
      }
    } catch (java.io.IOException e) {
      // The stream was closed.
    }
  }

  private static void report(String label, Histogram h) {
    System.out.printf("%s: samples=%d p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms%n", label,
        h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }
}
