package org.ogi.notification.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.ogi.notification.ChaseConfig;

/**
 * Posts to a WeCom (企业微信) or DingTalk (钉钉) group robot, where Chinese offices actually read alerts. Both answer
 * HTTP 200 with {@code errcode} != 0 on errors, so the body is checked too. A 4xx other than 408/429 means the URL or
 * the robot is wrong: retrying cannot help, so it is permanent.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpClient client;
    private final ObjectMapper json;
    private final ChaseConfig config;

    public WebhookSender(ObjectMapper json, ChaseConfig config) {
        this.json = json;
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.webhookTimeout()).build();
    }

    /** The robot's markdown message: WeCom {@code markdown.content}, DingTalk {@code markdown.title} + {@code text}. */
    public String payload(String title, String markdown) {
        ObjectNode root = json.createObjectNode();
        root.put("msgtype", "markdown");
        ObjectNode body = root.putObject("markdown");
        if ("dingtalk".equalsIgnoreCase(config.webhookFlavour())) {
            body.put("title", title);
            body.put("text", markdown);
        } else {
            body.put("content", markdown);
        }
        return root.toString();
    }

    /**
     * Posts {@code payload} with {@code Idempotency-Key: idempotencyKey}: the same on every attempt of one delivery, so
     * a receiver that got an attempt whose answer was lost (a timeout after it processed the message) can tell the
     * retry is a copy. A receiver that does not know the header has nothing to do with it.
     */
    public void send(String url, String payload, String idempotencyKey) throws DeliveryException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(config.webhookTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header(IDEMPOTENCY_KEY, idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("webhook URL is not usable: " + url, true, e);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeliveryException("webhook: " + e.getClass().getSimpleName() + ": " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("webhook: interrupted", false, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
            throw new DeliveryException("webhook: HTTP " + status + " " + abbreviate(response.body()), permanent, null);
        }
        String errcode = errcode(response.body());
        if (errcode != null && !"0".equals(errcode)) {
            throw new DeliveryException("webhook: robot answered errcode " + errcode + " " + abbreviate(response.body()),
                    false, null);
        }
    }

    private String errcode(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.has("errcode") ? node.get("errcode").asText() : null;
        } catch (IOException e) {
            return null; // not JSON: a plain 2xx is success
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
