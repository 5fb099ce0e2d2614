package dev.sessiond.server.cli;

import dev.sessiond.ApiKey;
import dev.sessiond.Caller;
import dev.sessiond.CapabilityContext;
import dev.sessiond.CreatedApiKey;
import dev.sessiond.ErrorCode;
import dev.sessiond.Method;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.internal.Backend;
import dev.sessiond.server.internal.ConfigResolver;
import dev.sessiond.server.internal.ManifestFile;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sessiond apikey create|list|revoke}: API keys in the configured store, without a server,
 * acting as the trusted caller {@code service:cli}. Each reads the configuration as {@code serve}
 * does (file, {@code SESSIOND_*} environment, flags).
 *
 * <p>Output: {@code create} prints the key alone on stdout (so {@code KEY=$(sessiond apikey create
 * ...)} captures it) and describes it on stderr; {@code list} prints one tab-separated line per key
 * on stdout; {@code revoke} prints the revoked id on stdout. Exit codes as {@link SessiondCommand}:
 * 2 for a usage, configuration or manifest error, 1 if the store fails or (revoke) there is no such
 * key.
 */
@Command(name = "apikey", mixinStandardHelpOptions = true,
    description = "API keys in the store, without a server: create, list, revoke.")
final class ApiKeyCommands implements Runnable {
  /** Exit code of {@code revoke} when there is no key with the id. */
  static final int EXIT_NO_SUCH_KEY = 1;

  /** How the CLI is named in audit records and as the keys' maker. */
  static final Caller CLI = Caller.service("cli");

  @Spec
  private CommandSpec spec;

  private ApiKeyCommands() {}

  /** {@code apikey} with its subcommands, reading the environment from {@code env}. */
  static CommandLine commandLine(Map<String, String> env) {
    return new CommandLine(new ApiKeyCommands())
        .addSubcommand("create", new Create(env))
        .addSubcommand("list", new ListKeys(env))
        .addSubcommand("revoke", new Revoke(env));
  }

  /** With no subcommand: show the usage and fail. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /**
   * A subcommand that opens the configured store and its engine, acts, and closes it. Turns
   * configuration errors and field refusals into {@link SessiondCommand#EXIT_USAGE}, store failures
   * into {@link SessiondCommand#EXIT_START_FAILED}.
   */
  abstract static class OnStore implements Callable<Integer> {
    private final Map<String, String> env;
    private final String what;

    @Spec
    CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions = new StoreOptions();

    /** @param what what it does, for error messages: "cannot {what}: ..." */
    OnStore(Map<String, String> env, String what) {
      this.env = env;
      this.what = what;
    }

    /** Checks the arguments before the store is opened; throws IllegalArgumentException. */
    void prepare() {}

    /** Acts on the engine; returns the exit code. */
    abstract int act(SessionEngine engine, CapabilityContext context);

    @Override
    public final Integer call() {
      ServerConfig config;
      try {
        config = ConfigResolver.resolve(storeOptions.flags(null, null), env);
        if (config.effectiveStoreUrl().startsWith("memory:")) {
          throw new IllegalArgumentException("a memory: store lives only inside a running server; "
              + "manage its API keys with /v1/api-keys");
        }
        prepare();
      } catch (IllegalArgumentException e) {
        return fail(SessiondCommand.EXIT_USAGE, e.getMessage());
      }
      try (Backend backend = Backend.open(config, Clock.systemUTC())) {
        return act(backend.engine(), CapabilityContext.of(CLI));
      } catch (SessiondException e) {
        boolean usage = e.code() == ErrorCode.INVALID_FIELD || e.code() == ErrorCode.MISSING_FIELD;
        return fail(usage ? SessiondCommand.EXIT_USAGE : SessiondCommand.EXIT_START_FAILED,
            "cannot " + what + ": " + e.getMessage());
      } catch (UncheckedIOException e) {
        return fail(SessiondCommand.EXIT_START_FAILED,
            e.getMessage() + ": " + e.getCause().getMessage());
      } catch (RuntimeException e) {
        return fail(SessiondCommand.EXIT_START_FAILED, "cannot " + what + ": " + e.getMessage());
      }
    }

    /** Prints {@code sessiond: <message>} on stderr and returns {@code code}. */
    int fail(int code, String message) {
      note(message);
      return code;
    }

    /** Prints {@code sessiond: <message>} on stderr. */
    void note(String message) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("sessiond: " + message);
      err.flush();
    }

    /** Prints {@code line} on stdout. */
    void print(String line) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(line);
      out.flush();
    }
  }

  /** {@code apikey create}: makes a key from a manifest and shows it, once. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Makes an API key with the methods a manifest file declares.",
          "Prints the key alone on stdout, and its id, tenant and methods on stderr. "
              + "The key is shown only this once: the store keeps only its hash.",
          "Manifest: 'methods: [sessions.search, ...]' (and optional 'name: ...'), or "
              + "'hostServices: [{service: sessions, methods: [...]}]'."})
  static final class Create extends OnStore {
    @Option(names = "--manifest", required = true, paramLabel = "FILE",
        description = "YAML file declaring the methods the key may call.")
    private Path manifestFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Scope scope;

    @Option(names = "--name", paramLabel = "NAME",
        description = "A label for the key (default: the manifest's name).")
    private String name;

    private ManifestFile manifest;

    /** Exactly one of the two. */
    static final class Scope {
      @Option(names = "--tenant", required = true, paramLabel = "TENANT",
          description = "The one tenant the key acts in.")
      private String tenant;

      @Option(names = "--all-tenants", required = true,
          description = "The key acts in every tenant.")
      private boolean allTenants;
    }

    Create(Map<String, String> env) {
      super(env, "create the API key");
    }

    @Override
    void prepare() {
      manifest = ManifestFile.read(manifestFile);
    }

    @Override
    int act(SessionEngine engine, CapabilityContext context) {
      CreatedApiKey created = engine.admin().apiKeys().create(context,
          scope.allTenants ? null : scope.tenant, manifest.methods(),
          name != null ? name : manifest.name());
      print(created.secret());
      ApiKey key = created.key();
      note("created API key " + key.id() + " for "
          + (key.tenantId() == null ? "every tenant" : "tenant " + key.tenantId())
          + (key.name().isEmpty() ? "" : ", named '" + key.name() + "'"));
      note("methods: " + names(key.methods(), ", "));
      note("the key above is shown only this once (the store keeps only its hash); keep it now");
      return 0;
    }
  }

  /** {@code apikey list}: every key, without secrets. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"Lists the API keys, oldest first, one tab-separated line each.",
          "Fields: id, tenant (* for every tenant), status (live or revoked), methods "
              + "(comma-separated), name (- if none), created (UTC). Never a key or its hash."})
  static final class ListKeys extends OnStore {
    ListKeys(Map<String, String> env) {
      super(env, "list the API keys");
    }

    @Override
    int act(SessionEngine engine, CapabilityContext context) {
      List<ApiKey> keys = engine.admin().apiKeys().list(context);
      for (ApiKey key : keys) {
        print(String.join("\t", key.id(), key.tenantId() == null ? "*" : key.tenantId(),
            key.revokedAt() == null ? "live" : "revoked", names(key.methods(), ","),
            key.name().isEmpty() ? "-" : key.name(), key.createdAt().toString()));
      }
      if (keys.isEmpty()) {
        note("no API keys");
      }
      return 0;
    }
  }

  /** {@code apikey revoke ID}: the key stops working. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = {"Revokes an API key and prints its id.",
          "A running server on the same store refuses it within a few seconds."})
  static final class Revoke extends OnStore {
    @Parameters(paramLabel = "ID", description = "The key's id (see apikey list).")
    private String id;

    Revoke(Map<String, String> env) {
      super(env, "revoke the API key");
    }

    @Override
    int act(SessionEngine engine, CapabilityContext context) {
      Optional<ApiKey> key = engine.admin().apiKeys().revoke(context, id);
      if (key.isEmpty()) {
        return fail(EXIT_NO_SUCH_KEY, "no API key with id '" + printable(id) + "'");
      }
      print(key.get().id());
      note("API key " + key.get().id() + " is revoked since " + key.get().revokedAt()
          + "; a running server refuses it within a few seconds");
      return 0;
    }
  }

  /** Wire names in declaration order. */
  private static String names(Collection<Method> methods, String separator) {
    return methods.stream().sorted().map(Method::wireName).collect(Collectors.joining(separator));
  }

  /** {@code text} safe to echo on a terminal, clipped. */
  private static String printable(String text) {
    String safe = text.replaceAll("[^A-Za-z0-9._-]", "?");
    return safe.length() > 64 ? safe.substring(0, 64) + "..." : safe;
  }
}
