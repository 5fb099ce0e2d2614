package dev.sessiond.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A closed-loop HTTP load driver for a running sessiond: each of {@code --connections} keeps one
 * request in flight and sends the next as soon as the answer arrives, for {@code --duration} after
 * an unrecorded warm-up. Latency is recorded per request in microseconds (HdrHistogram) and printed
 * with throughput and error counts. Traffic goes only to the URL given, which should be loopback.
 *
 * <pre>java -cp sessiond-bench/target/benchmarks.jar dev.sessiond.bench.HttpLoad --mode open</pre>
 */
@Command(name = "http-load", mixinStandardHelpOptions = true,
    description = "Drives open, get or introspect requests at a running sessiond and reports req/s "
        + "and latency.")
public final class HttpLoad implements Callable<Integer> {

  enum Mode { open, get, introspect, refresh, revoke }

  @Option(names = "--url", description = "sessiond base URL (default: ${DEFAULT-VALUE})")
  URI url = URI.create("http://127.0.0.1:7233");

  @Option(names = "--key-file", description = "file holding the admin key (default: ${DEFAULT-VALUE})")
  Path keyFile = Path.of("data/admin.key");

  @Option(names = "--mode", description = "open, get, introspect, refresh (each session's refresh "
      + "token rotated by one request at a time) or revoke (each preloaded session revoked once; "
      + "preload enough) (default: ${DEFAULT-VALUE})")
  Mode mode = Mode.open;

  @Option(names = "--connections", description = "connections, one request in flight each (default: ${DEFAULT-VALUE})")
  int connections = 64;

  @Option(names = "--duration", description = "measured seconds (default: ${DEFAULT-VALUE})")
  int durationSeconds = 20;

  @Option(names = "--warmup", description = "unrecorded warm-up seconds (default: ${DEFAULT-VALUE})")
  int warmupSeconds = 5;

  @Option(names = "--preload",
      description = "sessions opened before any run but open (default: ${DEFAULT-VALUE})")
  int preload = 5_000;

  @Option(names = "--max-seconds", description = "hard stop for the whole run (default: ${DEFAULT-VALUE})")
  int maxSeconds = 600;

  private final Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean recording;
  private volatile long deadline;
  private String authorization;
  private HttpClientAgent client;
  private final List<String> ids = new ArrayList<>();
  private final List<Buffer> introspections = new ArrayList<>();
  /** Sessions with their current refresh token; a refresh takes one out and puts it back. */
  private final Queue<String[]> refreshable = new ConcurrentLinkedQueue<>();
  /** Sessions not revoked yet; a revoke takes one out for good. */
  private final Queue<String> unrevoked = new ConcurrentLinkedQueue<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new HttpLoad()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    authorization = "Bearer " + Files.readString(keyFile).trim();
    Vertx vertx = Vertx.vertx();
    try {
      client = vertx.httpClientBuilder()
          .with(new HttpClientOptions().setDefaultHost(url.getHost()).setDefaultPort(url.getPort())
              .setKeepAlive(true))
          .with(new PoolOptions().setHttp1MaxSize(connections))
          .build();
      if (mode != Mode.open) {
        preloadSessions();
      }
      run(Duration.ofSeconds(warmupSeconds));
      recorder.getIntervalHistogram();
      errors.set(0);
      recording = true;
      long started = System.nanoTime();
      run(Duration.ofSeconds(durationSeconds));
      double seconds = (System.nanoTime() - started) / 1e9;
      report(recorder.getIntervalHistogram(), seconds);
      return 0;
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Opens {@code preload} sessions, as many at once as there are connections. */
  private void preloadSessions() throws Exception {
    List<JsonObject> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(
        preload);
    CountDownLatch done = new CountDownLatch(connections);
    for (int c = 0; c < connections; c++) {
      preloadNext(left, opened, done);
    }
    if (!done.await(maxSeconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("preloading did not finish in time");
    }
    for (JsonObject session : opened) {
      String id = session.getJsonObject("session").getString("id");
      ids.add(id);
      introspections.add(new JsonObject().put("token", session.getString("accessToken")).toBuffer());
      refreshable.add(new String[] {id, session.getString("refreshToken")});
      unrevoked.add(id);
    }
  }

  private void preloadNext(java.util.concurrent.atomic.AtomicInteger left, List<JsonObject> opened,
      CountDownLatch done) {
    if (left.getAndDecrement() <= 0) {
      done.countDown();
      return;
    }
    send(HttpMethod.POST, "/v1/sessions", openBody()).onComplete(result -> {
      if (result.succeeded()) {
        opened.add(new JsonObject(result.result()));
      }
      preloadNext(left, opened, done);
    });
  }

  private void run(Duration length) throws InterruptedException {
    deadline = System.nanoTime() + length.toNanos();
    CountDownLatch done = new CountDownLatch(connections);
    for (int i = 0; i < connections; i++) {
      fire(done);
    }
    if (!done.await(Math.min(length.toSeconds() + 60, maxSeconds), TimeUnit.SECONDS)) {
      throw new IllegalStateException("requests did not finish in time");
    }
  }

  private void fire(CountDownLatch done) {
    long start = System.nanoTime();
    int pick = mode == Mode.open ? 0 : ThreadLocalRandom.current().nextInt(ids.size());
    String[] family = mode == Mode.refresh ? refreshable.poll() : null;
    String victim = mode == Mode.revoke ? unrevoked.poll() : null;
    if ((mode == Mode.refresh && family == null) || (mode == Mode.revoke && victim == null)) {
      done.countDown(); // Nothing left for this connection to work on.
      return;
    }
    Future<Buffer> answer = switch (mode) {
      case open -> send(HttpMethod.POST, "/v1/sessions", openBody());
      case get -> send(HttpMethod.GET, "/v1/sessions/" + ids.get(pick), null);
      case introspect -> send(HttpMethod.POST, "/v1/introspect", introspections.get(pick));
      case refresh -> send(HttpMethod.POST, "/v1/sessions/refresh",
          new JsonObject().put("refreshToken", family[1]).toBuffer());
      case revoke -> send(HttpMethod.POST, "/v1/sessions/" + victim + "/revoke", null);
    };
    if (family != null) {
      answer = answer.andThen(result -> {
        if (result.succeeded()) {
          refreshable.add(new String[] {family[0],
              new JsonObject(result.result()).getString("refreshToken")});
        }
      });
    }
    answer.onComplete(result -> {
      long end = System.nanoTime();
      // An introspection that answers inactive did not exercise the path being measured.
      boolean wrong = result.succeeded() && mode == Mode.introspect
          && !result.result().toString().contains("\"active\":true");
      if (result.failed() || wrong) {
        errors.incrementAndGet();
      } else if (recording) {
        recorder.recordValue(Math.max(1, (end - start) / 1000));
      }
      if (end < deadline) {
        fire(done);
      } else {
        done.countDown();
      }
    });
  }

  private Future<Buffer> send(HttpMethod method, String path, Buffer body) {
    return client.request(method, path).compose(request -> {
      request.putHeader("Authorization", authorization);
      if (body == null) {
        return request.send();
      }
      request.putHeader("Content-Type", "application/json");
      return request.send(body);
    }).compose(response -> response.body().compose(b -> response.statusCode() < 300
        ? Future.succeededFuture(b)
        : Future.failedFuture("HTTP " + response.statusCode())));
  }

  private static Buffer openBody() {
    int n = ThreadLocalRandom.current().nextInt(1_000_000);
    return new JsonObject()
        .put("tenantId", "bench")
        .put("userId", "user-" + n)
        .put("username", "user" + n)
        .put("clientType", "web")
        .put("ip", "10.0." + (n >> 8 & 255) + "." + (n & 255))
        .put("userAgent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36")
        .toBuffer();
  }

  private void report(Histogram h, double seconds) {
    System.out.printf("mode=%s connections=%d duration=%.1fs requests=%d errors=%d%n", mode,
        connections, seconds, h.getTotalCount(), errors.get());
    System.out.printf("throughput=%.0f req/s%n", h.getTotalCount() / seconds);
    System.out.printf("latency_us p50=%d p90=%d p99=%d p99.9=%d max=%d%n",
        h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9), h.getMaxValue());
  }
}
