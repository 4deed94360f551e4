package org.ogi.notification;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ogi.stack.SmtpSink;

/**
 * A real SMTP server on loopback (the local stack's {@link SmtpSink}, i.e. GreenMail), one per test JVM, that tests can
 * stop and start again on the same port to simulate an outage. Like the local stack's SharedStack it is owned by this class as loaded by the system class
 * loader, and reached from Quarkus's class loaders through JDK types only, so the test resource (which configures the
 * mailer) and the tests (which read the mail) see the same server.
 */
public final class MailServer {

    /** One received message, decoded; a message with a Cc is stored once per recipient and listed once here. */
    public record Mail(String messageId, String from, List<String> to, List<String> cc, String subject, String html) {

        public boolean addressedTo(String address) {
            return to.contains(address) || cc.contains(address);
        }
    }

    private static Map<String, Object> exported;

    private final Map<String, Object> view;

    private MailServer(Map<String, Object> view) {
        this.view = view;
    }

    public static MailServer get() {
        return new MailServer(exportFromOwner());
    }

    public int port() {
        return (Integer) view.get("port");
    }

    public void stop() {
        ((Runnable) view.get("stop")).run();
    }

    public void start() {
        ((Runnable) view.get("start")).run();
    }

    /** Every message received so far (also before a restart), in arrival order. */
    @SuppressWarnings("unchecked")
    public List<Mail> messages() {
        List<Map<String, Object>> raw = ((Supplier<List<Map<String, Object>>>) view.get("messages")).get();
        return raw.stream().map(m -> new Mail((String) m.get("messageId"), (String) m.get("from"),
                (List<String>) m.get("to"), (List<String>) m.get("cc"), (String) m.get("subject"),
                (String) m.get("html"))).toList();
    }

    public List<Mail> messagesTo(String address) {
        return messages().stream().filter(m -> m.addressedTo(address)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> exportFromOwner() {
        try {
            Class<?> owner = Class.forName(MailServer.class.getName(), true, ClassLoader.getSystemClassLoader());
            if (owner == MailServer.class) {
                return exportHere();
            }
            Method export = owner.getDeclaredMethod("exportHere");
            export.setAccessible(true);
            return (Map<String, Object>) export.invoke(null);
        } catch (ClassNotFoundException e) {
            return exportHere();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the shared mail server", e);
        }
    }

    private static synchronized Map<String, Object> exportHere() {
        if (exported == null) {
            Owner owner = new Owner();
            Runtime.getRuntime().addShutdownHook(new Thread(owner::stop, "smtp-sink-shutdown"));
            Map<String, Object> map = new HashMap<>();
            map.put("port", owner.sink.port());
            map.put("stop", (Runnable) owner::stop);
            map.put("start", (Runnable) owner::start);
            map.put("messages", (Supplier<List<Map<String, Object>>>) owner::messages);
            exported = Map.copyOf(map);
        }
        return exported;
    }

    /** The server and the messages of earlier incarnations (a restarted server starts empty). */
    private static final class Owner {
        // its threads inherit the context class loader of the thread that starts it
        private final SmtpSink sink = inOwnLoader(() -> SmtpSink.start(0, null));
        private final List<Map<String, Object>> archive = new ArrayList<>();
        private boolean running = true;

        synchronized void start() {
            if (!running) {
                inOwnLoader(() -> {
                    sink.start();
                    return null;
                });
                running = true;
            }
        }

        synchronized void stop() {
            if (running) {
                archive.addAll(inOwnLoader(this::current));
                sink.stop();
                running = false;
            }
        }

        synchronized List<Map<String, Object>> messages() {
            List<Map<String, Object>> all = new ArrayList<>(archive);
            all.addAll(inOwnLoader(this::current));
            return all;
        }

        /**
         * Jakarta Mail finds its providers through the context class loader; a Quarkus loader would hand it classes
         * that are not subtypes of the system loader's Jakarta Mail API.
         */
        private static <T> T inOwnLoader(Supplier<T> action) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(MailServer.class.getClassLoader());
            try {
                return action.get();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        private List<Map<String, Object>> current() {
            Map<String, Map<String, Object>> unique = new LinkedHashMap<>();
            for (MimeMessage message : sink.received()) {
                try {
                    Map<String, Object> m = describe(message);
                    unique.putIfAbsent(m.get("messageId") + "|" + m.get("subject") + "|" + m.get("to"), m);
                } catch (MessagingException | IOException e) {
                    throw new IllegalStateException("unreadable message", e);
                }
            }
            return new ArrayList<>(unique.values());
        }

        private static Map<String, Object> describe(MimeMessage message) throws MessagingException, IOException {
            Map<String, Object> m = new HashMap<>();
            m.put("messageId", String.valueOf(message.getMessageID()));
            m.put("from", addresses(message.getFrom()).stream().findFirst().orElse(""));
            m.put("to", addresses(message.getRecipients(Message.RecipientType.TO)));
            m.put("cc", addresses(message.getRecipients(Message.RecipientType.CC)));
            m.put("subject", message.getSubject());
            m.put("html", html(message));
            return m;
        }

        private static List<String> addresses(Address[] addresses) {
            return addresses == null ? List.of() : Arrays.stream(addresses)
                    .map(a -> a instanceof jakarta.mail.internet.InternetAddress ia ? ia.getAddress() : a.toString())
                    .toList();
        }

        private static String html(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = html(multipart.getBodyPart(i));
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            return part.isMimeType("text/html") || part.isMimeType("text/plain") ? String.valueOf(content) : null;
        }
    }
}
