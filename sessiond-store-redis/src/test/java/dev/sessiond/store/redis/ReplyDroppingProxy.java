package dev.sessiond.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a Redis server that, once {@linkplain #dropReplyTo armed} with a marker,
 * lets the first command containing it reach Redis but cuts the client's connection instead of
 * passing Redis's reply back: the command ran, and the client never heard. Lettuce then
 * reconnects through the proxy and sends the command again, as it does after any dropped
 * connection. Only for tests; one marker at a time.
 */
final class ReplyDroppingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final String redisHost;
  private final int redisPort;
  private final AtomicReference<String> marker = new AtomicReference<>();
  private volatile boolean closed;

  ReplyDroppingProxy(String redisHost, int redisPort) throws IOException {
    this.redisHost = redisHost;
    this.redisPort = redisPort;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread accept = new Thread(this::accept, "proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Arms the proxy: the reply to the next command holding {@code text} is never passed on. */
  void dropReplyTo(String text) {
    marker.set(text);
  }

  /** Whether the armed drop has happened. */
  boolean dropped() {
    return marker.get() == null;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket redis = new Socket(redisHost, redisPort);
        Pair pair = new Pair(client, redis);
        start("proxy-up", pair::up);
        start("proxy-down", pair::down);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** One client connection and its connection to Redis. */
  private final class Pair {
    private final Socket client;
    private final Socket redis;
    /** Set when the client sent the marked command: its reply is the next thing Redis sends. */
    private volatile boolean cutOnReply;

    Pair(Socket client, Socket redis) {
      this.client = client;
      this.redis = redis;
    }

    void up() {
      byte[] buffer = new byte[65536];
      try (InputStream in = client.getInputStream(); OutputStream out = redis.getOutputStream()) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          String wanted = marker.get();
          if (wanted != null
              && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains(wanted)) {
            cutOnReply = true;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // One side closed: the pair is done.
      } finally {
        closeBoth();
      }
    }

    void down() {
      byte[] buffer = new byte[65536];
      try (InputStream in = redis.getInputStream(); OutputStream out = client.getOutputStream()) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          if (cutOnReply) {
            marker.set(null);
            return; // The command ran in Redis; its reply is lost with the connection.
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // One side closed: the pair is done.
      } finally {
        closeBoth();
      }
    }

    private void closeBoth() {
      try {
        client.close();
        redis.close();
      } catch (IOException ignored) {
        // Closing: nothing to do.
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
  }
}
