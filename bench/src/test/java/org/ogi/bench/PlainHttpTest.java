package org.ogi.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator's client against the JDK's own HTTP server: bodies, framing and connection reuse. */
class PlainHttpTest {

    private HttpServer server;
    private String base;
    private final Set<Object> remotes = ConcurrentHashMap.newKeySet();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", e -> answer(e, 201, "已收到".getBytes(StandardCharsets.UTF_8), false));
        server.createContext("/chunked", e -> answer(e, 200, "分块".repeat(5_000).getBytes(StandardCharsets.UTF_8), true));
        server.createContext("/problem", e -> answer(e, 422, "{\"detail\":\"错误\"}".getBytes(StandardCharsets.UTF_8), false));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange e, int status, byte[] body, boolean chunked) throws IOException {
        remotes.add(e.getRemoteAddress());
        received.add(e.getRequestMethod() + " " + e.getRequestURI() + " " + e.getRequestHeaders().getFirst("X-Test")
                + " " + new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        e.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void sendsHeadersAndBodyAndReadsAFixedLengthAnswer() throws IOException {
        PlainHttp.Answer answer = new PlainHttp().exchange("PUT", base + "/fixed?x=1", Map.of("X-Test", "甲"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5), status -> true);
        assertEquals(201, answer.status());
        assertEquals("已收到", answer.text());
        assertEquals(List.of("PUT /fixed?x=1 " + new String("甲".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1) + " {\"a\":1}"), received);
    }

    @Test
    void readsAChunkedAnswerWhole() throws IOException {
        PlainHttp.Answer answer = new PlainHttp().exchange("GET", base + "/chunked", Map.of(), null,
                Duration.ofSeconds(5), status -> true);
        assertEquals(200, answer.status());
        assertArrayEquals("分块".repeat(5_000).getBytes(StandardCharsets.UTF_8), answer.body());
    }

    @Test
    void dropsBodiesItIsNotAskedToKeepAndKeepsErrorBodies() throws IOException {
        PlainHttp http = new PlainHttp();
        assertNull(http.exchange("PUT", base + "/fixed", Map.of(), new byte[10], Duration.ofSeconds(5),
                status -> status / 100 != 2).body());
        PlainHttp.Answer problem = http.exchange("PUT", base + "/problem", Map.of(), new byte[10],
                Duration.ofSeconds(5), status -> status / 100 != 2);
        assertEquals(422, problem.status());
        assertEquals("{\"detail\":\"错误\"}", problem.text());
    }

    @Test
    void reusesOneConnectionForRequestsInSequence() throws IOException {
        PlainHttp http = new PlainHttp();
        for (int i = 0; i < 20; i++) {
            String path = i % 2 == 0 ? "/chunked" : "/fixed";
            assertTrue(http.exchange("GET", base + path, Map.of(), null, Duration.ofSeconds(5), s -> true).body().length > 0);
        }
        assertEquals(20, received.size());
        assertEquals(1, remotes.size(), "every request after the first went over the kept connection");
    }
}
