package dev.sessiond.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application on sessiond: {@code POST /login} opens a session, {@code GET
 * /api/me} needs one, and {@code /ws/echo} is a WebSocket that closes when the session ends.
 * Point it at a sessiond server with {@code SESSIOND_URL} and an API key ({@code
 * SESSIOND_API_KEY}) holding {@code sessions.create} and {@code events.read}.
 */
@SpringBootApplication
public class ExampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }
}
