package org.ogi.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.IntPredicate;

/**
 * A blocking HTTP/1.1 client over a pool of keep-alive connections per server, each used by one thread at a time. The load generator shares the
 * machine's two cores with the system it measures, and java.net.http spent about 1.3 ms of CPU a filing (its
 * selector thread, futures and header maps), a seventh of the whole; a plain socket writing one request and reading
 * one answer costs a fraction of that, leaving the cores to the services. Only what the services answer is handled:
 * Content-Length or chunked bodies, no redirects, no TLS.
 */
final class PlainHttp {

    /** A status and, when asked for, the body. */
    record Answer(int status, byte[] body) {
        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();

    /**
     * Sends one request on an idle connection to the URL's server (a new one when none is idle) and reads the answer;
     * the body is kept only when {@code keepBody} says so for the status.
     */
    Answer exchange(String method, String url, Map<String, String> headers, byte[] body, Duration timeout,
            IntPredicate keepBody) throws IOException {
        URI uri = URI.create(url);
        String authority = uri.getHost() + ":" + uri.getPort();
        ConcurrentLinkedDeque<Connection> pool = idle.computeIfAbsent(authority, k -> new ConcurrentLinkedDeque<>());
        Connection connection = pool.pollFirst();
        if (connection == null) {
            connection = new Connection(uri.getHost(), uri.getPort());
        }
        Answer answer;
        try {
            answer = connection.exchange(method, uri.getRawPath() + (uri.getRawQuery() == null ? ""
                    : "?" + uri.getRawQuery()), authority, headers, body, timeout, keepBody);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        if (connection.closeAfter) {
            connection.close();
        } else {
            pool.offerFirst(connection);
        }
        return answer;
    }

    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean closeAfter;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        Answer exchange(String method, String target, String authority, Map<String, String> headers, byte[] body,
                Duration timeout, IntPredicate keepBody) throws IOException {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target)
                    .append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();

            String status = line();
            if (!status.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            closeAfter = status.startsWith("HTTP/1.0");
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            ByteArrayOutputStream kept = keepBody.test(code) ? new ByteArrayOutputStream() : null;
            if (chunked) {
                for (long size = Long.parseLong(line().split(";", 2)[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";", 2)[0].trim(), 16)) {
                    copy(size, kept);
                    line();
                }
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used by the services
                }
            } else if (length >= 0) {
                copy(length, kept);
            } else if (code != 204 && code != 304 && !method.equals("HEAD")) {
                closeAfter = true; // body until the server closes: read it all
                copy(Long.MAX_VALUE, kept);
            }
            return new Answer(code, kept == null ? null : kept.toByteArray());
        }

        private void copy(long n, ByteArrayOutputStream into) throws IOException {
            byte[] buffer = new byte[8192];
            long left = n;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    if (n == Long.MAX_VALUE) {
                        return;
                    }
                    throw new EOFException("connection closed with " + left + " body bytes unread");
                }
                if (into != null) {
                    into.write(buffer, 0, read);
                }
                left -= read;
            }
        }

        /** One header line without its CRLF (ISO-8859-1, as HTTP/1.1 headers are). */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed in the answer's head");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to do
            }
        }
    }
}
