package dev.sessiond.client.internal.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.client.ClientConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows {@code GET /v1/events} (Server-Sent Events) on one daemon thread with the configured
 * API key (which needs {@code events.read}) and tenant. The first connection asks for everything
 * the server still holds ({@code after=0}); every later one resumes with {@code Last-Event-ID}.
 * A broken, refused or {@code closed} stream is reopened with a backoff of up to a second, until
 * {@link #close()}. Each frame (event or heartbeat) records the time it arrived: that is what
 * freshness is judged by. A connection silent for longer than {@link #abortIfSilent}'s limit is
 * dropped and reopened.
 */
public final class EventFeed implements AutoCloseable {
  /** What the feed delivers; called on the feed's thread, in order. */
  public interface Listener {
    /** One event. */
    void event(FeedEvent event);

    /** The server could not resume where this feed was: events may have been lost. */
    void reset(long position);
  }

  private static final System.Logger LOG = System.getLogger(EventFeed.class.getName());
  private static final long MAX_BACKOFF_MILLIS = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final ClientConfig config;
  private final Clock clock;
  private final Listener listener;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Instant lastFrameAt;
  private volatile long lastActivityNanos = System.nanoTime();
  private volatile long position = -1;
  private volatile InputStream current;
  private volatile CompletableFuture<?> connecting;
  private String lastProblem = "";

  public EventFeed(HttpClient http, ClientConfig config, Clock clock, Listener listener) {
    this.http = http;
    this.config = config;
    this.clock = clock;
    this.listener = listener;
    this.thread = new Thread(this::run, "sessiond-verifier-feed");
    thread.setDaemon(true);
  }

  /** Starts following. */
  public void start() {
    thread.start();
  }

  /** When the last frame arrived, by the clock; {@code null} before the first. */
  public Instant lastFrameAt() {
    return lastFrameAt;
  }

  /** The last position a frame carried; -1 before the first. */
  public long position() {
    return position;
  }

  /** Drops the current connection (it is reopened) if nothing arrived on it for {@code limit}. */
  public void abortIfSilent(Duration limit) {
    if (System.nanoTime() - lastActivityNanos > limit.toNanos()) {
      abort();
    }
  }

  /** Stops following and waits briefly for the thread to end. */
  @Override
  public void close() {
    running = false;
    abort();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void abort() {
    CompletableFuture<?> pending = connecting;
    if (pending != null) {
      pending.cancel(true);
    }
    InputStream in = current;
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Closing is all we want; the reader sees the end.
      }
    }
    thread.interrupt();
  }

  private void run() {
    long backoff = 0;
    while (running) {
      Thread.interrupted(); // An abort of the previous connection must not end this one.
      boolean gotFrames = false;
      try {
        gotFrames = followOnce();
      } catch (IOException | TimeoutException | ExecutionException e) {
        if (running) {
          note("unreachable", Level.WARNING, "the sessiond event feed is unreachable; retrying");
        }
      } catch (InterruptedException | java.util.concurrent.CancellationException e) {
        // An abort or close: loop to reconnect or end.
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "unexpected failure following the sessiond event feed", e);
      }
      if (!running) {
        return;
      }
      backoff = gotFrames ? 50 : Math.min(MAX_BACKOFF_MILLIS, Math.max(100, backoff * 2));
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        // Woken by an abort or close; the loop condition decides.
      }
    }
  }

  /** One connection, until it ends; whether any frame came. */
  private boolean followOnce() throws IOException, InterruptedException, ExecutionException,
      TimeoutException {
    HttpRequest.Builder request = HttpRequest.newBuilder(eventsUri())
        .header("Accept", "text/event-stream").GET();
    if (config.apiKey() != null) {
      request.header("Authorization", "Bearer " + config.apiKey());
    }
    if (position >= 0) {
      request.header("Last-Event-ID", Long.toString(position));
    }
    lastActivityNanos = System.nanoTime();
    CompletableFuture<HttpResponse<InputStream>> future =
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    connecting = future;
    HttpResponse<InputStream> response;
    try {
      response = future.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      connecting = null;
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        note("HTTP " + response.statusCode(), Level.ERROR, "the sessiond event feed answered HTTP "
            + response.statusCode() + " (the API key needs events.read); retrying");
        return false;
      }
      note("", Level.INFO, "following the sessiond event feed again");
      current = in;
      if (!running) {
        return false;
      }
      return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } finally {
      current = null;
    }
  }

  private URI eventsUri() {
    StringBuilder query = new StringBuilder();
    if (config.tenantId() != null) {
      query.append("tenantId=").append(URLEncoder.encode(config.tenantId(), StandardCharsets.UTF_8));
    }
    if (position < 0) {
      query.append(query.length() == 0 ? "" : "&").append("after=0");
    }
    return config.url().resolve("/v1/events" + (query.length() == 0 ? "" : "?" + query));
  }

  /** Reads frames until the stream ends or says {@code closed}; whether any frame came. */
  private boolean read(BufferedReader reader) throws IOException {
    boolean any = false;
    String id = null;
    String name = null;
    StringBuilder data = new StringBuilder();
    String line;
    while (running && (line = reader.readLine()) != null) {
      lastActivityNanos = System.nanoTime();
      if (line.isEmpty()) {
        if (name != null || data.length() > 0) {
          if (!dispatch(id, name == null ? "message" : name, data.toString())) {
            return any;
          }
          any = true;
        }
        id = null;
        name = null;
        data.setLength(0);
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "id" -> id = value;
        case "event" -> name = value;
        case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
        default -> { } // retry: and unknown fields
      }
    }
    return any;
  }

  /** Handles one frame; {@code false} when the server said the stream is closed. */
  private boolean dispatch(String id, String name, String data) {
    if ("closed".equals(name)) {
      LOG.log(Level.DEBUG, "the sessiond event feed was closed by the server: {0}",
          text(parse(data), "reason"));
      return false;
    }
    lastFrameAt = clock.instant();
    if (id != null && !id.isEmpty()) {
      try {
        position = Long.parseLong(id);
      } catch (NumberFormatException e) {
        LOG.log(Level.WARNING, "ignoring an event-feed frame id that is not a number");
      }
    }
    JsonNode body = parse(data);
    switch (name) {
      case "heartbeat" -> { }
      case "reset" -> {
        // On a first start (position 0 or none) a reset only says the server has purged before.
        LOG.log(position > 0 ? Level.WARNING : Level.DEBUG, "the sessiond event feed was reset:"
            + " this verifier was away longer than the server keeps events; reloading the bans"
            + " in force and replaying the events still kept");
        listener.reset(body.path("seq").asLong(position));
      }
      default -> {
        try {
          Instant at = instant(body, "at");
          listener.event(new FeedEvent(body.path("seq").asLong(position), name,
              at == null ? clock.instant() : at, text(body, "tenantId"), text(body, "sessionId"),
              text(body, "userId"), text(body, "name"), instant(body, "until")));
        } catch (RuntimeException e) {
          LOG.log(Level.ERROR, "failed to apply a " + name + " event", e);
        }
      }
    }
    return true;
  }

  /** Logs a change of connection state once, not on every retry. */
  private void note(String problem, Level level, String message) {
    if (!problem.equals(lastProblem)) {
      lastProblem = problem;
      LOG.log(level, message);
    }
  }

  private static JsonNode parse(String data) {
    try {
      return JSON.readTree(data.isEmpty() ? "{}" : data);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String text(JsonNode body, String member) {
    return body.path(member).asText("");
  }

  private static Instant instant(JsonNode body, String member) {
    String value = text(body, member);
    try {
      return value.isEmpty() ? null : Instant.parse(value);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
