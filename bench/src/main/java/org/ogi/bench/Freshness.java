package org.ogi.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.ogi.stack.demo.DemoAgency;

/**
 * Freshness: first filings sent at a fixed rate while a poller reads the national statistics as fast as it can.
 * Each first filing raises {@code compliance.filed} by one, so the k-th filing to be answered 2xx counts as visible
 * at the first poll answer showing at least base + k filed; its freshness is that moment minus its 2xx moment.
 * (Pairing by rank, not by identity: a filing applied out of order shifts latency between two filings, not the
 * distribution much.) Poll answers are timed when received, so the figure errs on the slow side.
 */
final class Freshness {

    record Result(int filings, double targetRate, double achievedRate, double p50Millis, double p99Millis,
                  double maxMillis, int polls, int failed) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Freshness() {
    }

    static Result run(Api api, Api reader, String submissionUrl, String aggregationUrl, int year, List<DemoAgency> agencies,
                      String[] bodies, double rate, int clients) throws Exception {
        int n = agencies.size();
        String statistics = aggregationUrl + "/api/v1/statistics/" + year + "/regions/000000";
        long base = filed(reader, statistics);
        long[] acked = new long[n];
        List<long[]> samples = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    long value = filed(reader, statistics);
                    synchronized (samples) {
                        samples.add(new long[] {System.nanoTime(), value});
                    }
                } catch (Exception e) {
                    BenchStack.sleep(5);
                }
            }
        }, "freshness-poller");
        poller.setDaemon(true);
        poller.start();

        long start = System.nanoTime() + 200_000_000L;
        long interval = (long) (1e9 / rate);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        try (Progress progress = new Progress("freshness @" + (int) rate + "/s", n, done::get)) {
            for (int t = 0; t < clients; t++) {
                Thread sender = new Thread(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        long due = start + i * interval;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        DemoAgency agency = agencies.get(i);
                        try {
                            api.putJson(submissionUrl + "/api/v1/reports/" + year + "/" + agency.code(), bodies[i]);
                            acked[i] = System.nanoTime();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                }, "freshness-" + t);
                sender.start();
                senders.add(sender);
            }
            for (Thread sender : senders) {
                sender.join();
            }
        }
        long sendEnd = Arrays.stream(acked).max().orElse(start);
        int ok = n - failed.get();
        long target = base + ok;
        long limit = System.nanoTime() + 120_000_000_000L;
        while (lastValue(samples) < target && System.nanoTime() < limit) {
            BenchStack.sleep(10);
        }
        poller.interrupt();
        poller.join(5000);

        long[] acks = Arrays.stream(acked).filter(a -> a != 0).sorted().toArray();
        Latencies latencies = new Latencies();
        double max = 0;
        synchronized (samples) {
            int s = 0;
            for (int k = 0; k < acks.length; k++) {
                while (s < samples.size() && samples.get(s)[1] < base + k + 1) {
                    s++;
                }
                if (s == samples.size()) {
                    break; // never seen: counted by the shortfall below
                }
                long latency = Math.max(0, samples.get(s)[0] - acks[k]);
                latencies.add(latency);
                max = Math.max(max, latency / 1e6);
            }
        }
        int unseen = acks.length - latencies.count();
        return new Result(n, rate, ok / ((sendEnd - start) / 1e9), latencies.percentileMillis(0.5),
                latencies.percentileMillis(0.99), max, samples.size(), failed.get() + unseen);
    }

    private static long lastValue(List<long[]> samples) {
        synchronized (samples) {
            return samples.isEmpty() ? -1 : samples.get(samples.size() - 1)[1];
        }
    }

    private static long filed(Api api, String url) throws Exception {
        return JSON.readTree(api.get(url)).path("compliance").path("filed").asLong();
    }
}
