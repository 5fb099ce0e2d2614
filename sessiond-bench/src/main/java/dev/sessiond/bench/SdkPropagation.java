package dev.sessiond.bench;

import dev.sessiond.client.ClientConfig;
import dev.sessiond.client.SessiondClient;
import dev.sessiond.client.model.OpenRequest;
import dev.sessiond.client.model.OpenedSession;
import dev.sessiond.client.verify.LocalVerifier;
import dev.sessiond.client.verify.Verification;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures revoke → local rejection with several SDK verifiers subscribed to one server's event
 * feed: for each sample a session is opened, every verifier verifies its token and registers a
 * connection for it, the session is revoked through the API, and each verifier's delay runs from
 * the revoke's 200 to the moment it closes that connection (it does so when it applies the
 * revocation, the same moment its {@code verify} starts answering REVOKED).
 *
 * <pre>java -cp sessiond-bench/target/benchmarks.jar dev.sessiond.bench.SdkPropagation \
 *   --url http://127.0.0.1:7233 --key-file data/admin.key --verifiers 10</pre>
 */
@Command(name = "sdk-propagation", mixinStandardHelpOptions = true,
    description = "Revoke through the API; measure until each subscribed SDK verifier rejects.")
public final class SdkPropagation implements Callable<Integer> {

  @Option(names = "--url", description = "sessiond base URL (default: ${DEFAULT-VALUE})")
  URI url = URI.create("http://127.0.0.1:7233");

  @Option(names = "--key-file", description = "file holding the admin key (default: ${DEFAULT-VALUE})")
  Path keyFile = Path.of("data/admin.key");

  @Option(names = "--verifiers", description = "subscribed verifiers (default: ${DEFAULT-VALUE})")
  int verifiers = 10;

  @Option(names = "--samples", description = "revokes measured (default: ${DEFAULT-VALUE})")
  int samples = 500;

  @Option(names = "--warmup", description = "revokes before measuring (default: ${DEFAULT-VALUE})")
  int warmup = 50;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SdkPropagation()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ClientConfig config = ClientConfig.builder().url(url)
        .apiKey(Files.readString(keyFile).trim()).tenantId("sdk-propagation").build();
    List<LocalVerifier> subscribed = new ArrayList<>();
    try (SessiondClient client = SessiondClient.create(config)) {
      for (int i = 0; i < verifiers; i++) {
        LocalVerifier verifier = LocalVerifier.start(config);
        subscribed.add(verifier);
        if (!verifier.awaitFresh(Duration.ofSeconds(30))) {
          throw new IllegalStateException("verifier " + i + " did not become fresh");
        }
      }
      Histogram delays = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
      for (int n = 0; n < warmup + samples; n++) {
        OpenedSession opened = client.open(OpenRequest.forUser("u" + n));
        AtomicLongArray closedAt = new AtomicLongArray(verifiers);
        CountDownLatch allClosed = new CountDownLatch(verifiers);
        for (int i = 0; i < verifiers; i++) {
          Verification v = subscribed.get(i).verify(opened.accessToken());
          if (!v.isValid()) {
            throw new IllegalStateException("verifier " + i + ": " + v.outcome());
          }
          int slot = i;
          subscribed.get(i).connections().register(v.session(), reason -> {
            closedAt.set(slot, System.nanoTime());
            allClosed.countDown();
          });
        }
        client.revoke(opened.session().id(), "bench");
        long answered = System.nanoTime();
        if (!allClosed.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("not every verifier applied the revoke of sample " + n);
        }
        if (n >= warmup) {
          for (int i = 0; i < verifiers; i++) {
            delays.recordValue(Math.max(1, (closedAt.get(i) - answered) / 1000));
          }
        }
      }
      System.out.printf("verifiers=%d samples=%d delays=%d: p50=%.2fms p90=%.2fms p99=%.2fms "
          + "max=%.2fms%n", verifiers, samples, delays.getTotalCount(),
          delays.getValueAtPercentile(50) / 1000.0, delays.getValueAtPercentile(90) / 1000.0,
          delays.getValueAtPercentile(99) / 1000.0, delays.getMaxValue() / 1000.0);
      return 0;
    } finally {
      subscribed.forEach(LocalVerifier::close);
    }
  }
}
