package org.ogi.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Runs {@code n} numbered operations on a fixed number of client threads as fast as they go, timing each one. */
final class Load {

    /** One operation; returns normally on success, throws (with a short reason) on failure. */
    interface Operation {
        void run(int index) throws Exception;
    }

    /** What a run measured. {@code errors} holds up to ten distinct failure reasons. */
    record Result(int operations, int failed, double seconds, double perSecond, double p50Millis, double p99Millis,
                  List<String> errors) {
    }

    private Load() {
    }

    static Result run(String label, int n, int clients, ThreadLocalSetup setup, Operation operation) {
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        Latencies latencies = new Latencies();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        try (Progress progress = new Progress(label, n, done::get)) {
            for (int t = 0; t < clients; t++) {
                Thread thread = new Thread(() -> {
                    try (AutoCloseable resource = setup.open()) {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            long t0 = System.nanoTime();
                            try {
                                operation.run(i);
                                latencies.add(System.nanoTime() - t0);
                            } catch (Exception e) {
                                failed.incrementAndGet();
                                if (errors.size() < 10) {
                                    errors.add(String.valueOf(e.getMessage()));
                                }
                            }
                            done.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.add("client setup failed: " + e);
                    }
                }, label + "-" + t);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int ok = n - failed.get();
        return new Result(n, failed.get(), seconds, ok / seconds, latencies.percentileMillis(0.5),
                latencies.percentileMillis(0.99), errors.stream().distinct().limit(10).toList());
    }

    /** Per-client state such as a JDBC connection, opened on the client's thread and closed when it finishes. */
    interface ThreadLocalSetup {
        AutoCloseable open() throws Exception;

        ThreadLocalSetup NONE = () -> () -> { };
    }
}
