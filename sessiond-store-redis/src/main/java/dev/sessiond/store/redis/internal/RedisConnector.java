package dev.sessiond.store.redis.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import dev.sessiond.store.redis.RedisConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a {@link RedisLink} from a {@link RedisConfig}. Every store of one process shares one set
 * of Lettuce event loops (they are daemon threads), so opening and closing a store is cheap.
 */
public final class RedisConnector {
  private static final class Shared {
    static final ClientResources RESOURCES = DefaultClientResources.create();
  }

  private RedisConnector() {}

  /**
   * Connects and checks the connection with a {@code PING}.
   *
   * @throws SessiondException with {@link ErrorCode#UNAVAILABLE} if no node answers
   */
  public static RedisLink open(RedisConfig config) {
    List<RedisURI> uris = uris(config);
    AbstractRedisClient client = null;
    try {
      RedisLink link;
      if (config.cluster()) {
        RedisClusterClient cluster = RedisClusterClient.create(Shared.RESOURCES, uris);
        client = cluster;
        cluster.setOptions(ClusterClientOptions.builder().socketOptions(socket(config))
            .timeoutOptions(timeouts(config)).build());
        StatefulRedisClusterConnection<String, String> connection = cluster.connect();
        link = new RedisLink(cluster, connection, connection.sync());
      } else {
        RedisClient standalone = RedisClient.create(Shared.RESOURCES, uris.get(0));
        client = standalone;
        standalone.setOptions(ClientOptions.builder().socketOptions(socket(config))
            .timeoutOptions(timeouts(config)).build());
        StatefulRedisConnection<String, String> connection = standalone.connect();
        link = new RedisLink(standalone, connection, connection.sync());
      }
      link.call(c -> c.ping());
      return link;
    } catch (RedisException | SessiondException e) {
      if (client != null) {
        client.shutdown();
      }
      SessiondException failure = new SessiondException(ErrorCode.UNAVAILABLE, "Redis at "
          + String.join(",", config.nodes()) + " is not reachable: " + e.getClass().getSimpleName());
      failure.initCause(e);
      throw failure;
    }
  }

  /** Connecting may take as long as one command: {@link RedisConfig#timeout()}. */
  private static SocketOptions socket(RedisConfig config) {
    return SocketOptions.builder().connectTimeout(config.timeout()).build();
  }

  /**
   * A command times out after {@link RedisConfig#timeout()}; a blocking {@code XREAD} (only the
   * event wait sends one, on a connection of its own) {@link EventWait#MAX_BLOCK} later.
   */
  private static TimeoutOptions timeouts(RedisConfig config) {
    long usual = config.timeout().toMillis();
    long blocking = config.timeout().plus(EventWait.MAX_BLOCK).toMillis();
    return TimeoutOptions.builder().timeoutCommands(true)
        .timeoutSource(new TimeoutOptions.TimeoutSource() {
          @Override
          public long getTimeout(RedisCommand<?, ?, ?> command) {
            return command.getType() == CommandType.XREAD ? blocking : usual;
          }
        }).build();
  }

  /** The Lettuce URIs of {@code config}'s nodes, with its credentials, TLS, database and timeout. */
  public static List<RedisURI> uris(RedisConfig config) {
    List<RedisURI> uris = new ArrayList<>();
    for (String node : config.nodes()) {
      int colon = node.lastIndexOf(':');
      String host = node.substring(0, colon).replace("[", "").replace("]", "");
      RedisURI.Builder uri = RedisURI.builder().withHost(host)
          .withPort(Integer.parseInt(node.substring(colon + 1))).withSsl(config.tls())
          .withDatabase(config.database()).withTimeout(config.timeout());
      if (config.password() != null) {
        if (config.username() != null) {
          uri.withAuthentication(config.username(), config.password());
        } else {
          uri.withPassword(config.password().toCharArray());
        }
      }
      uris.add(uri.build());
    }
    return uris;
  }
}
