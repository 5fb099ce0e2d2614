package dev.sessiond.server.internal;

import dev.sessiond.Event;
import dev.sessiond.EventFeed.Subscription;
import dev.sessiond.EventSink;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code GET /v1/events} response as an {@link EventSink}: every call is moved to the
 * request's event loop and written as a Server-Sent Event ({@code id}, {@code event}, {@code data}
 * lines). What arrives before the response head is written waits in order. A client that reads too
 * slowly (the write queue is full) is cut off; it resumes with {@code Last-Event-ID}.
 */
final class EventStream implements EventSink {
  /** The most frames held before the head is written; a subscriber past it is cut off. */
  private static final int MAX_PENDING = 10_000;

  private final Context context;
  private final HttpServerResponse response;
  private final List<Buffer> pending = new ArrayList<>();
  private Subscription subscription;
  private boolean started;
  /** The connection is gone (the client left, or was cut off): nothing more is written. */
  private boolean gone;
  /** The last frame ({@code closed}) is written or waiting: the response ends after it. */
  private boolean finished;

  EventStream(Context context, HttpServerResponse response) {
    this.context = context;
    this.response = response;
    response.closeHandler(ignored -> {
      gone = true;
      if (subscription != null) {
        subscription.close();
      }
    });
  }

  /**
   * Writes the head and what waited; on the event loop. From here on the subscription closes
   * with the connection (or at once if the connection closed first).
   */
  void start(Subscription running) {
    this.subscription = running;
    if (gone) {
      subscription.close();
      return;
    }
    started = true;
    response.setStatusCode(200)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no")
        .setChunked(true);
    response.write("retry: 1000\n\n");
    pending.forEach(this::send);
    pending.clear();
    if (finished) {
      subscription.close();
      response.end();
    }
  }

  @Override
  public void event(Event event) {
    frame(Long.toString(event.seq()), event.type().wireName(), view(event));
  }

  @Override
  public void reset(long position) {
    frame(Long.toString(position), "reset", Map.of("seq", position));
  }

  @Override
  public void heartbeat(long position, Instant at) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("seq", position);
    body.put("at", at.toString());
    frame(Long.toString(position), "heartbeat", body);
  }

  @Override
  public void closed(String reason) {
    Buffer last = encode(null, "closed", Map.of("reason", reason));
    context.runOnContext(ignored -> {
      if (gone || finished) {
        return;
      }
      finished = true;
      if (started) {
        send(last);
        response.end();
      } else {
        pending.add(last);
      }
    });
  }

  private void frame(String id, String name, Object body) {
    Buffer frame = encode(id, name, body);
    context.runOnContext(ignored -> {
      if (gone || finished) {
        return;
      }
      if (!started) {
        if (pending.size() >= MAX_PENDING) {
          // Too much before the head could even be written: end with what lets it resume.
          pending.subList(0, pending.size()).clear();
          pending.add(encode(null, "closed", Map.of("reason", "unavailable")));
          finished = true;
          if (subscription != null) {
            subscription.close();
          }
        } else {
          pending.add(frame);
        }
        return;
      }
      if (response.writeQueueFull()) {
        gone = true;
        subscription.close();
        response.reset();
        return;
      }
      send(frame);
    });
  }

  private void send(Buffer frame) {
    response.write(frame);
  }

  private static Buffer encode(String id, String name, Object body) {
    Buffer frame = Buffer.buffer();
    if (id != null) {
      frame.appendString("id: ").appendString(id).appendString("\n");
    }
    frame.appendString("event: ").appendString(name).appendString("\n");
    frame.appendString("data: ").appendBuffer(Json.write(body)).appendString("\n\n");
    return frame;
  }

  /** The event as JSON members: the fields that apply to its type. */
  private static Map<String, Object> view(Event event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("seq", event.seq());
    body.put("type", event.type().wireName());
    body.put("at", event.at().toString());
    body.put("tenantId", event.tenantId());
    putIfAny(body, "sessionId", event.sessionId());
    putIfAny(body, "userId", event.userId());
    putIfAny(body, "name", event.name());
    putIfAny(body, "reason", event.reason());
    if (event.until() != null) {
      body.put("until", event.until().toString());
    }
    return body;
  }

  private static void putIfAny(Map<String, Object> body, String member, String value) {
    if (!value.isEmpty()) {
      body.put(member, value);
    }
  }
}
