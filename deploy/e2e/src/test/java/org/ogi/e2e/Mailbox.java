package org.ogi.e2e;

import static org.awaitility.Awaitility.await;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** The .eml files the SMTP sink writes, read the way a person would open them: recipients, subject, text. */
final class Mailbox {

    record Mail(Path file, List<String> recipients, String subject, String text, String messageId) {
    }

    private final Path dir;

    Mailbox(Path dir) {
        this.dir = dir;
    }

    List<Mail> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().map(Mailbox::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until exactly one message to {@code recipient} arrived (To or Cc), and returns it. */
    Mail awaitOne(String recipient) {
        List<Mail> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.clear();
            all().stream().filter(m -> m.recipients().contains(recipient)).forEach(found::add);
            return !found.isEmpty();
        });
        if (found.size() != 1) {
            throw new AssertionError("expected one message to " + recipient + ", found " + found);
        }
        return found.get(0);
    }

    private static Mail read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            Address[] to = message.getAllRecipients();
            List<String> recipients = to == null ? List.of()
                    : Arrays.stream(to).map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress()).toList();
            return new Mail(file, recipients, message.getSubject(), text(message), message.getMessageID());
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("unreadable mail " + file, e);
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return "";
    }
}
