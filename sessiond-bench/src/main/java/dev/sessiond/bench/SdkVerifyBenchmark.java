package dev.sessiond.bench;

import dev.sessiond.client.ClientConfig;
import dev.sessiond.client.verify.LocalVerifier;
import dev.sessiond.client.verify.Verification;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.SessiondServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java SDK's {@link LocalVerifier} on one EdDSA access token of a real server (in this JVM,
 * on a temporary SQLite store), with its event feed followed:
 *
 * <ul>
 *   <li>{@code cached}: a token seen before: the per-token cache, expiry and the local revocation
 *       index, no I/O;
 *   <li>{@code firstSight}: a verifier that caches nothing, so every call parses the token and
 *       checks its signature (Nimbus with Tink), then the revocation index;
 *   <li>{@code rawJdkSignature}: the JDK's Ed25519 check of the same signature, the baseline.
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SdkVerifyBenchmark {
  private SessiondServer server;
  private LocalVerifier cachedVerifier;
  private LocalVerifier uncachedVerifier;
  private String token;
  private Ed25519Baseline baseline;

  @Setup
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("sessiond-sdk-bench-");
    server = SessiondServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dir)
        .build());
    URI url = URI.create("http://127.0.0.1:" + server.port());
    HttpClient http = HttpClient.newHttpClient();
    String opened = http.send(HttpRequest.newBuilder(url.resolve("/v1/sessions"))
        .header("Authorization", "Bearer " + server.adminKey())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tenantId\":\"bench\",\"userId\":\"u1\"}"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    int at = opened.indexOf("\"accessToken\":\"") + 15;
    token = opened.substring(at, opened.indexOf('"', at));
    String jwks = http.send(HttpRequest.newBuilder(url.resolve("/.well-known/jwks.json")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    baseline = new Ed25519Baseline(token, jwks);

    ClientConfig config = ClientConfig.builder().url(url).apiKey(server.adminKey()).build();
    cachedVerifier = LocalVerifier.start(config);
    uncachedVerifier = LocalVerifier.builder(config).maxCachedTokens(0).start();
    for (LocalVerifier verifier : new LocalVerifier[] {cachedVerifier, uncachedVerifier}) {
      if (!verifier.awaitFresh(Duration.ofSeconds(30)) || !verifier.verify(token).isValid()) {
        throw new IllegalStateException("the benchmark token does not verify locally");
      }
    }
  }

  @TearDown
  public void tearDown() {
    cachedVerifier.close();
    uncachedVerifier.close();
    server.close();
  }

  @Benchmark
  public Verification cached() {
    return cachedVerifier.verify(token);
  }

  @Benchmark
  public Verification firstSight() {
    return uncachedVerifier.verify(token);
  }

  @Benchmark
  public boolean rawJdkSignature() throws Exception {
    return baseline.verify();
  }
}
