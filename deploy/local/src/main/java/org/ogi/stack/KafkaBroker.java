package org.ogi.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), from Apache Kafka's own jars, so
 * that tests and the local stack need no Docker. It can be stopped and restarted on the same port and directory to
 * test what services do while Kafka is away.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String USAGE = "usage: KafkaBroker --log-dir DIR [--port N] [--partitions P] [--fsync true|false]";
    private static final int NODE_ID = 1;

    private final Path logDir;
    private final boolean temporary;
    private final int port;
    private final int controllerPort;
    /** Set for a view of a broker that another class loader owns (see {@link SharedStack}); null when owned here. */
    private final Control remote;
    /** fsync every write before acknowledging it (the local stack); tests leave it to the page cache. */
    private volatile boolean fsync;
    private KafkaRaftServer server;

    private KafkaBroker(Path logDir, boolean temporary, int port, int controllerPort, Control remote) {
        this.logDir = logDir;
        this.temporary = temporary;
        this.port = port;
        this.controllerPort = controllerPort;
        this.remote = remote;
    }

    /** Lifecycle operations of a broker owned elsewhere, as JDK types so that they cross class loaders. */
    record Control(Runnable stop, Runnable restart, BooleanSupplier running) {
    }

    /** {@code logDir == null}: a fresh temporary directory, deleted on close. {@code port == 0}: a free port, kept for restarts. */
    public static KafkaBroker start(Path logDir, int port) {
        QuietLogs.apply();
        boolean temporary = logDir == null;
        try {
            Path dir = temporary ? Files.createTempDirectory("ogi-kafka-") : logDir.toAbsolutePath();
            Files.createDirectories(dir);
            int brokerPort = port == 0 ? Cli.freePort() : port;
            int controllerPort = Cli.freePort();
            KafkaBroker broker = new KafkaBroker(dir, temporary, brokerPort, controllerPort, null);
            try {
                broker.startServer();
            } catch (RuntimeException e) {
                if (temporary) {
                    deleteRecursively(dir);
                }
                throw e;
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start", e);
        }
    }

    /**
     * A durable broker for the local stack: flushes each log write to disk before acknowledging (with a single
     * replica, {@code acks=all} alone would survive a process crash but not a power cut).
     */
    public static KafkaBroker startDurable(Path logDir, int port) {
        QuietLogs.apply();
        try {
            Path dir = logDir.toAbsolutePath();
            Files.createDirectories(dir);
            KafkaBroker broker = new KafkaBroker(dir, false, port == 0 ? Cli.freePort() : port, Cli.freePort(), null);
            broker.fsync = true;
            broker.startServer();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start", e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    /**
     * Creates the two compacted state topics and their dead-letter topics unless they exist; existing topics are
     * left as they are, so a kept log directory keeps its partitions.
     */
    public void createTopics(int partitions) {
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : TopicNames.STATE_TOPICS) {
            wanted.add(new NewTopic(topic, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact")));
            wanted.add(new NewTopic(TopicNames.dlq(topic), partitions, (short) 1).configs(Map.of("cleanup.policy", "delete")));
        }
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaBroker.class.getClassLoader()); // see startServer()
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(topic -> !existing.contains(topic.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers(), e);
        } finally {
            thread.setContextClassLoader(callerLoader);
        }
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** A view of a broker owned by another class loader: stop/restart act on it, close() leaves it alone. */
    static KafkaBroker attached(Path logDir, int port, Control control) {
        return new KafkaBroker(logDir, false, port, 0, control);
    }

    /** The lifecycle operations of this (owned) broker, for views in other class loaders. */
    Control control() {
        return new Control(this::stop, this::restart, this::isRunning);
    }

    /** Clean (controlled) shutdown; the broker is unreachable afterwards. Does nothing when already stopped. */
    public synchronized void stop() {
        if (remote != null) {
            remote.stop().run();
            return;
        }
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka on port {} stopped in {} ms", port, (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts again on the same port, log directory and cluster id; the data is kept. */
    public synchronized void restart() {
        if (remote != null) {
            remote.restart().run();
            return;
        }
        stop();
        startServer();
    }

    public synchronized boolean isRunning() {
        return remote != null ? remote.running().getAsBoolean() : server != null;
    }

    /** Stops the broker and deletes a temporary log directory; a view of a shared broker leaves it running. */
    @Override
    public void close() {
        if (remote != null) {
            return;
        }
        stop();
        if (temporary) {
            deleteRecursively(logDir);
        }
    }

    private synchronized void startServer() {
        long started = System.nanoTime();
        Properties properties = config();
        // Kafka instantiates plugins through the context class loader; under a Quarkus test that is another loader
        // than the one holding these Kafka classes, and the broker then fails with NoSuchMethodException
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
        try {
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(properties);
            }
            Cli.requirePortFree(port, "Kafka");
            KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            raftServer.startup();
            server = raftServer;
            awaitReady();
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException("Kafka did not start on port " + port + " (log dir " + logDir + ")", e);
        } finally {
            thread.setContextClassLoader(callerLoader);
        }
        LOG.info("Kafka started on port {} in {} ms (log dir {})", port, (System.nanoTime() - started) / 1_000_000, logDir);
    }

    private Properties config() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        // one node: every replication factor and ISR is 1
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // topics are created explicitly (design.md), never by a stray producer
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("controlled.shutdown.enable", "true");
        if (fsync) {
            p.put("log.flush.interval.messages", "1");
        }
        return p;
    }

    private void format(Properties properties) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(properties.getProperty("metadata.log.dir"))
                .addDirectory(properties.getProperty("log.dirs"))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("broker did not become ready within 60 s");
                }
                Thread.sleep(100);
            }
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("Kafka did not stop cleanly after a failed start", e);
            server = null;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}", dir, e);
        }
    }

    /** {@code --log-dir DIR --port N --partitions P}: starts, creates the topics, runs until SIGTERM. */
    public static void main(String[] args) {
        Cli.standaloneLogging();
        Map<String, String> options = Cli.options(args, USAGE);
        String logDir = options.get("log-dir");
        if (logDir == null) {
            Cli.fail(USAGE);
        }
        int port = Cli.intOption(options, "port", 19092, USAGE);
        int partitions = Cli.intOption(options, "partitions", 3, USAGE);
        boolean fsync = Boolean.parseBoolean(options.getOrDefault("fsync", "true"));
        // in its own process a fatal broker error should end the process, as kafka-server-start.sh would
        Exit.setExitProcedure((code, message) -> Runtime.getRuntime().halt(code));
        KafkaBroker broker;
        try {
            broker = fsync ? startDurable(Path.of(logDir), port) : start(Path.of(logDir), port);
            broker.createTopics(partitions);
        } catch (RuntimeException e) {
            System.err.println("Kafka failed to start: " + e.getMessage() + (e.getCause() == null ? "" : " <- " + e.getCause()));
            System.exit(1);
            return;
        }
        System.out.println("READY kafka bootstrap=" + broker.bootstrapServers() + " topics=" + TopicNames.all()
                + " logdir=" + broker.logDir() + " fsync=" + fsync);
        System.out.flush();
        Cli.runUntilTerminated(broker::stop);
    }
}
