package dev.sessiond.server.cli;

import dev.sessiond.CapabilityContext;
import dev.sessiond.Caller;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.SessiondServer;
import dev.sessiond.server.internal.AlgorithmNames;
import dev.sessiond.server.internal.Backend;
import dev.sessiond.server.internal.ConfigResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code sessiond} command line: {@code sessiond serve [--host H] [--port N] [--data-dir DIR]
 * [--config FILE] [--store URL]}, {@code sessiond keys rotate [--algorithm A] [--data-dir DIR]
 * [--config FILE] [--store URL]}, {@code sessiond version}, {@code sessiond --help}. Configuration
 * comes from defaults, then the YAML file, then {@code SESSIOND_*} environment variables, then
 * flags (see {@link ServerConfig}).
 *
 * <p>Exit codes: 0 on success, 1 if the server cannot start (or the keys cannot be rotated), 2 for
 * a usage or configuration error.
 */
@Command(name = "sessiond", mixinStandardHelpOptions = true,
    versionProvider = SessiondCommand.Version.class,
    description = "Session service: open, list, search and revoke sessions over HTTP.")
public final class SessiondCommand implements Runnable {
  /** Exit code: the server could not start. */
  public static final int EXIT_START_FAILED = 1;
  /** Exit code: bad arguments or configuration. */
  public static final int EXIT_USAGE = 2;

  @Spec
  private CommandSpec spec;

  private SessiondCommand() {}

  /** Runs the command with the process environment and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /**
   * The command line, reading the environment from {@code env} instead of the process (so tests
   * need not change the real environment).
   *
   * @param env never {@code null}; variables it lacks are unset
   */
  public static CommandLine commandLine(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    CommandLine line = new CommandLine(new SessiondCommand());
    line.addSubcommand("serve", new Serve(env));
    line.addSubcommand("keys",
        new CommandLine(new Keys()).addSubcommand("rotate", new Rotate(env)));
    line.addSubcommand("apikey", ApiKeyCommands.commandLine(env));
    line.addSubcommand("version", new VersionCommand());
    return line;
  }

  /** With no subcommand: show the usage and fail. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** {@code sessiond serve}: starts the server and runs until the process is stopped. */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = {"Starts the HTTP API and runs until stopped.",
          "Environment: SESSIOND_CONFIG, SESSIOND_HOST, SESSIOND_PORT, SESSIOND_DATA_DIR, "
              + "SESSIOND_STORE, SESSIOND_ADMIN_KEY, SESSIOND_KEY_ENCRYPTION_KEY "
              + "(flags win over these, these over the file)."})
  static final class Serve implements Callable<Integer> {
    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "Interface to listen on (default 0.0.0.0).")
    private String host;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default 7233; 0 picks a free one).")
    private Integer port;

    @Mixin
    private StoreOptions storeOptions = new StoreOptions();

    Serve(Map<String, String> env) {
      this.env = env;
    }

    /** The configuration these flags and the environment give. */
    ServerConfig config() {
      return ConfigResolver.resolve(
          storeOptions.flags(host, port), env);
    }

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter err = spec.commandLine().getErr();
      ServerConfig config;
      try {
        config = config();
      } catch (IllegalArgumentException e) {
        err.println("sessiond: " + e.getMessage());
        err.flush();
        return EXIT_USAGE;
      }
      SessiondServer server;
      try {
        server = SessiondServer.start(config);
      } catch (UncheckedIOException e) {
        err.println("sessiond: " + e.getMessage() + ": " + e.getCause().getMessage());
        err.flush();
        return EXIT_START_FAILED;
      } catch (RuntimeException e) {
        err.println("sessiond: cannot start: " + e.getMessage());
        err.flush();
        return EXIT_START_FAILED;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "sessiond-shutdown"));
      stopped.await();
      return 0;
    }
  }

  /** {@code sessiond keys}: signing-key maintenance; needs a subcommand. */
  @Command(name = "keys", mixinStandardHelpOptions = true,
      description = "Signing-key maintenance on the store, without a server.")
  static final class Keys implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
  }

  /**
   * {@code sessiond keys rotate}: opens the configured store (no server), makes a new active signing
   * key and prints its kid. A running server on the same store starts signing with it at its next
   * sweep; tokens signed by the old key keep verifying until they expire.
   */
  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = {"Makes a new active signing key in the store and prints its kid.",
          "A running server on the same store signs with it from its next sweep.",
          "Reads the same configuration as serve (file, SESSIOND_* environment, flags)."})
  static final class Rotate implements Callable<Integer> {
    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Option(names = "--algorithm", paramLabel = "ALG",
        description = "EdDSA, ES256 or RS256 (default: tokens.algorithm from the configuration).")
    private String algorithm;

    @Mixin
    private StoreOptions storeOptions = new StoreOptions();

    Rotate(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      ServerConfig config;
      SigningAlgorithm chosen;
      try {
        config = ConfigResolver.resolve(
            storeOptions.flags(null, null), env);
        chosen = algorithm == null ? config.tokens().algorithm()
            : AlgorithmNames.parse(algorithm).orElseThrow(() -> new IllegalArgumentException(
                "--algorithm must be one of " + AlgorithmNames.LIST));
        if (config.effectiveStoreUrl().startsWith("memory:")) {
          throw new IllegalArgumentException("a memory: store lives only inside a running server; "
              + "rotate its keys with POST /v1/keys/rotate");
        }
      } catch (IllegalArgumentException e) {
        err.println("sessiond: " + e.getMessage());
        err.flush();
        return EXIT_USAGE;
      }
      String kid;
      try (Backend backend = Backend.open(config, Clock.systemUTC())) {
        kid = backend.engine().rotateSigningKey(
            CapabilityContext.of(Caller.service("cli")), chosen);
      } catch (UncheckedIOException e) {
        err.println("sessiond: " + e.getMessage() + ": " + e.getCause().getMessage());
        err.flush();
        return EXIT_START_FAILED;
      } catch (RuntimeException e) {
        err.println("sessiond: cannot rotate the signing key: " + e.getMessage());
        err.flush();
        return EXIT_START_FAILED;
      }
      err.println("sessiond: new " + chosen.jwsName() + " signing key " + kid + " is active; "
          + "a running server signs with it from its next sweep");
      err.flush();
      spec.commandLine().getOut().println(kid);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code sessiond version}: prints the version. */
  @Command(name = "version", description = "Prints the version.")
  static final class VersionCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("sessiond " + Version.current());
      spec.commandLine().getOut().flush();
    }
  }

  /** The version from the build, for {@code version} and {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"sessiond " + current()};
    }

    static String current() {
      Properties props = new Properties();
      try (InputStream in = Version.class.getResourceAsStream("/dev/sessiond/server/version.properties")) {
        if (in != null) {
          props.load(in);
        }
      } catch (IOException e) {
        return "unknown";
      }
      return props.getProperty("version", "unknown");
    }
  }
}
