package org.ogi.stack;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local SMTP server (GreenMail) that accepts every message and keeps each one as an .eml file in a folder, so the
 * notification service's reminders can be read on a developer machine: {@code --port 2525 --dir target/local-stack/mail}.
 * Also used in-process by tests ({@link #start(int, Path)} with a null folder), and can be stopped and started again on
 * the same port to simulate an outage.
 * <p>
 * The greeting is sent after a short pause: Vert.x's mail client (Quarkus Mailer) drops bytes that arrive before it has
 * installed its socket handler, and a server on loopback that greets instantly lost it the greeting now and then.
 */
public final class SmtpSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSink.class);
    private static final String USAGE = "usage: SmtpSink [--port 2525] [--dir target/local-stack/mail]";
    private static final long GREETING_DELAY_MS = 50;
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final ServerSetup setup;
    private final Path dir;
    private final Set<String> written = new HashSet<>();
    private GreenMail greenMail;
    private ScheduledExecutorService writer;
    private int sequence;

    private SmtpSink(ServerSetup setup, Path dir) {
        this.setup = setup;
        this.dir = dir;
    }

    /** Starts on {@code port} (0: a free one) on loopback; {@code dir} null keeps the messages in memory only. */
    public static SmtpSink start(int port, Path dir) {
        int actual = port == 0 ? Cli.freePort() : port;
        SmtpSink sink = new SmtpSink(new ServerSetup(actual, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), dir);
        sink.start();
        return sink;
    }

    public int port() {
        return setup.getPort();
    }

    /** (Re)starts the server on the same port; a restarted server starts with no messages. */
    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        greenMail = new PatientGreenMail(setup);
        greenMail.start();
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir, e);
            }
            writer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "smtp-sink-writer"));
            writer.scheduleWithFixedDelay(this::writeNew, 200, 200, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops accepting connections (senders then get "connection refused"). */
    public synchronized void stop() {
        if (greenMail == null) {
            return;
        }
        if (writer != null) {
            writer.shutdownNow();
            writer = null;
            writeNew();
        }
        greenMail.stop();
        greenMail = null;
    }

    /** Every message received since the last (re)start; a message to several recipients appears once per recipient. */
    public synchronized List<MimeMessage> received() {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
    }

    @Override
    public void close() {
        stop();
    }

    /** Writes each message not yet written (once, even when it went to several recipients) as an .eml file. */
    private synchronized void writeNew() {
        if (greenMail == null) {
            return;
        }
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                String id = message.getMessageID() != null ? message.getMessageID()
                        : message.getSubject() + "|" + message.getSentDate();
                if (!written.add(id)) {
                    continue;
                }
                Path file = dir.resolve(FILE_TIME.format(LocalDateTime.now()) + "-" + (++sequence) + ".eml");
                Path temp = dir.resolve(file.getFileName() + ".tmp");
                try (OutputStream out = Files.newOutputStream(temp)) {
                    message.writeTo(out);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("mail to {}: {} -> {}", String.join(",", recipients(message)), message.getSubject(), file);
            } catch (MessagingException | IOException e) {
                LOG.warn("could not write a received message: {}", e.toString());
            }
        }
    }

    private static List<String> recipients(MimeMessage message) throws MessagingException {
        return message.getAllRecipients() == null ? List.of()
                : java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
    }

    /** {@code --port 2525 --dir target/local-stack/mail}; prints READY once it accepts mail. */
    public static void main(String[] args) {
        Cli.standaloneLogging();
        Map<String, String> options = Cli.options(args, USAGE);
        if (!Set.of("port", "dir").containsAll(options.keySet())) {
            Cli.fail(USAGE);
        }
        int port = Cli.intOption(options, "port", 2525, USAGE);
        Path dir = Path.of(options.getOrDefault("dir", "target/local-stack/mail")).toAbsolutePath();
        Cli.requirePortFree(port, "SMTP sink");
        SmtpSink sink = start(port, dir);
        System.out.println("READY smtp port=" + sink.port() + " dir=" + dir);
        Cli.runUntilTerminated(sink::close);
    }

    /** GreenMail whose SMTP handlers pause before the greeting (see the class comment). */
    private static final class PatientGreenMail extends GreenMail {

        PatientGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = new HashMap<>();
            for (ServerSetup s : config) {
                services.put(s.getProtocol(), new SmtpServer(s, managers) {
                    @Override
                    protected ProtocolHandler createProtocolHandler(Socket socket) {
                        return new SmtpHandler(new SmtpCommandRegistry(), managers.getSmtpManager(), socket) {
                            @Override
                            protected void sendGreetings() {
                                try {
                                    Thread.sleep(GREETING_DELAY_MS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                super.sendGreetings();
                            }
                        };
                    }
                });
            }
            return services;
        }
    }
}
