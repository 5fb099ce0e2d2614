package dev.sessiond.store.redis.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import java.util.function.Function;

/**
 * One connection (standalone or Cluster) and the way every call goes through it: Lettuce failures
 * and calls after {@link #close()} become {@link ErrorCode#UNAVAILABLE}, with messages that hold
 * no key, value or credential; scripts run by {@code EVALSHA}, falling back to {@code EVAL} once
 * per node that has not cached them.
 */
public final class RedisLink implements AutoCloseable {
  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterCommands<String, String> commands;
  private volatile boolean closed;

  RedisLink(AbstractRedisClient client, StatefulConnection<String, String> connection,
      RedisClusterCommands<String, String> commands) {
    this.client = client;
    this.connection = connection;
    this.commands = commands;
  }

  /** Runs {@code call} on the connection. */
  <T> T call(Function<RedisClusterCommands<String, String>, T> call) {
    if (closed) {
      throw new SessiondException(ErrorCode.UNAVAILABLE, "the Redis store is closed");
    }
    try {
      return call.apply(commands);
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /** Whether this is a connection to a Redis Cluster. */
  boolean isCluster() {
    return client instanceof RedisClusterClient;
  }

  /** Runs {@code script} with a list answer. */
  List<Object> list(LuaScript script, String key, List<String> args) {
    return run(script, ScriptOutputType.MULTI, List.of(key), args);
  }

  /** Runs {@code script} with a list answer and several keys (on a Cluster: of one slot). */
  List<Object> list(LuaScript script, List<String> keys, List<String> args) {
    return run(script, ScriptOutputType.MULTI, keys, args);
  }

  /** Runs {@code script} with an integer answer. */
  long integer(LuaScript script, String key, List<String> args) {
    Long value = run(script, ScriptOutputType.INTEGER, List.of(key), args);
    return value;
  }

  /** Runs {@code script} with a status or bulk-string answer. */
  String text(LuaScript script, String key, List<String> args) {
    return run(script, ScriptOutputType.VALUE, List.of(key), args);
  }

  private <T> T run(LuaScript script, ScriptOutputType type, List<String> keyList,
      List<String> args) {
    String[] keys = keyList.toArray(new String[0]);
    String[] values = args.toArray(new String[0]);
    return call(c -> {
      try {
        return c.evalsha(script.sha, type, keys, values);
      } catch (RedisNoScriptException e) {
        return c.eval(script.source, type, keys, values);
      }
    });
  }

  /**
   * Opens another connection of the same kind (standalone or Cluster, routing by key): for a
   * blocking command, which would stall this connection's other callers. The caller closes it.
   */
  StatefulConnection<String, String> connectForBlocking() {
    if (closed) {
      throw new SessiondException(ErrorCode.UNAVAILABLE, "the Redis store is closed");
    }
    try {
      return isCluster()
          ? ((RedisClusterClient) client).connect() : ((RedisClient) client).connect();
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /** The asynchronous commands of a connection {@link #connectForBlocking} opened. */
  @SuppressWarnings("unchecked")
  static RedisClusterAsyncCommands<String, String> async(StatefulConnection<String, String> other) {
    return other instanceof StatefulRedisClusterConnection<?, ?> cluster
        ? ((StatefulRedisClusterConnection<String, String>) cluster).async()
        : ((StatefulRedisConnection<String, String>) other).async();
  }

  static SessiondException unavailable(RedisException e) {
    SessiondException failure = new SessiondException(ErrorCode.UNAVAILABLE,
        "Redis cannot serve the store: " + e.getClass().getSimpleName());
    failure.initCause(e);
    return failure;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connection.close();
    } finally {
      client.shutdown();
    }
  }
}
