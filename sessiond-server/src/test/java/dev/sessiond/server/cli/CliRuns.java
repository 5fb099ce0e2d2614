package dev.sessiond.server.cli;

import dev.sessiond.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process for tests, with an environment given as a map. */
final class CliRuns {
  private CliRuns() {}

  /** What a command printed and how it exited. */
  record Run(int exitCode, String out, String err) {}

  /** Executes {@code args} and captures the outcome. */
  static Run run(Map<String, String> env, String... args) {
    CommandLine line = SessiondCommand.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The configuration {@code sessiond serve <flags>} would start with, without starting. */
  static ServerConfig serve(Map<String, String> env, String... flags) {
    String[] args = new String[flags.length + 1];
    args[0] = "serve";
    System.arraycopy(flags, 0, args, 1, flags.length);
    CommandLine.ParseResult parsed = SessiondCommand.commandLine(env).parseArgs(args);
    SessiondCommand.Serve serve =
        (SessiondCommand.Serve) parsed.subcommand().commandSpec().userObject();
    return serve.config();
  }
}
