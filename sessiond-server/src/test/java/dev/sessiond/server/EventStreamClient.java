package dev.sessiond.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client of {@code GET /v1/events} for tests: reads frames on a thread of its
 * own into a queue. Frames are parsed as the SSE format says: {@code id}, {@code event} and
 * {@code data} lines, a blank line ending each; {@code retry} and comments are skipped.
 */
final class EventStreamClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  /** How long a test waits for a frame before failing: generous, never a timing assertion. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  /** One frame; {@code id} is {@code null} when the frame had none. */
  record Frame(String id, String event, JsonNode data) {}

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile boolean ended;

  private EventStreamClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Opens the stream at {@code pathAndQuery} on {@code port} with {@code bearer}, sending {@code
   * lastEventId} if not {@code null}.
   *
   * @return the client; its {@link #status()} tells whether the server accepted
   */
  static EventStreamClient open(int port, String bearer, String pathAndQuery, String lastEventId)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .header("Authorization", "Bearer " + bearer).header("Accept", "text/event-stream")
        .timeout(PATIENCE) // Until the answer's head; the stream itself may last.
        .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return new EventStreamClient(HTTP.send(request.build(),
        HttpResponse.BodyHandlers.ofInputStream()));
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** The next frame, waiting up to {@link #PATIENCE}; fails the test if none comes. */
  Frame next() throws InterruptedException {
    Frame frame = frames.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    if (frame == null) {
      throw new AssertionError("no frame within " + PATIENCE + (ended ? "; the stream ended" : ""));
    }
    return frame;
  }

  /** The next frame that is not a heartbeat. */
  Frame nextEvent() throws InterruptedException {
    Frame frame = next();
    while (frame.event().equals("heartbeat")) {
      frame = next();
    }
    return frame;
  }

  /** Frames up to and including the first that matches {@code until}. */
  List<Frame> until(Predicate<Frame> until) throws InterruptedException {
    List<Frame> seen = new ArrayList<>();
    Frame frame;
    do {
      frame = next();
      seen.add(frame);
    } while (!until.test(frame));
    return seen;
  }

  /** Whether the server ended the response (after the frames already queued). */
  boolean awaitEnd() throws InterruptedException {
    reader.join(PATIENCE.toMillis());
    return ended;
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (event != null) {
            frames.add(new Frame(id, event, JSON.readTree(data.toString())));
          }
          id = null;
          event = null;
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (java.io.IOException e) {
      // Closed by the test, or cut off by the server: either way the stream is over.
    } finally {
      ended = true;
    }
  }
}
