package dev.sessiond.bench;

import dev.sessiond.OpenRequest;
import dev.sessiond.OpenedSession;
import dev.sessiond.SessionEngine;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.TokenSettings;
import dev.sessiond.Verification;
import dev.sessiond.internal.AccessTokenCodec;
import dev.sessiond.internal.KeyRing;
import dev.sessiond.internal.PrivateKeyCipher;
import dev.sessiond.internal.RevocationIndex;
import dev.sessiond.store.InMemorySessionStore;
import dev.sessiond.store.SessionRecord;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Local verification of one sessiond access token (EdDSA), three ways:
 *
 * <ul>
 *   <li>{@code cached}: {@link SessionEngine#verify} on a token seen before: cache lookup, expiry
 *       and the revocation checks that run on every call;
 *   <li>{@code firstSight}: the same checks with a verifier that caches nothing, so every call
 *       parses the JWT and checks its signature;
 *   <li>{@code rawJdkSignature}: only the JDK's own Ed25519 check of the same token's signature over
 *       its signing input ({@link Ed25519Baseline}; JMH runs one thread), the baseline that
 *       {@code firstSight} is compared against.
 * </ul>
 *
 * <p>{@code mint} signs one new access token, the per-open cost of tokens.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerifyBenchmark {
  private SessionEngine engine;
  private String token;
  private AccessTokenCodec uncached;
  private RevocationIndex index;
  private Clock clock;
  private Ed25519Baseline baseline;
  private SessionRecord session;

  @Setup
  public void setUp() throws Exception {
    clock = Clock.systemUTC();
    InMemorySessionStore store = new InMemorySessionStore();
    byte[] kek = new byte[32];
    TokenSettings settings = TokenSettings.defaults(kek).withAccessTokenTtls(Duration.ofHours(1),
        java.util.Map.of());
    engine = SessionEngine.builder().store(store).clock(clock).tokens(settings).build();
    OpenedSession opened = engine.open(StoreBenchmark.BENCH, OpenRequest.of("bench", "user-1"));
    token = opened.tokens().accessToken();
    session = store.find(opened.session().id()).orElseThrow();
    if (!engine.verify(token).isActive()) {
      throw new IllegalStateException("the benchmark token does not verify");
    }

    KeyRing keys = new KeyRing(store, new PrivateKeyCipher(kek));
    keys.reload(clock.instant(), Duration.ofHours(1));
    uncached = new AccessTokenCodec(keys, "sessiond", clock, 0);
    index = new RevocationIndex();

    baseline = new Ed25519Baseline(token, engine.publicKeysJson());
  }

  @Benchmark
  public Verification cached() {
    return engine.verify(token);
  }

  @Benchmark
  public boolean firstSight() {
    Verification v = uncached.verify(token);
    return v.isActive() && !index.rejects(v.token(), clock.instant());
  }

  @Benchmark
  public String mint() {
    return uncached.mint(session, SigningAlgorithm.EDDSA, clock.instant(),
        clock.instant().plusSeconds(300));
  }

  @Benchmark
  public boolean rawJdkSignature() throws Exception {
    return baseline.verify();
  }
}
