package org.ogi.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr for one phase: redrawn in place twice a second on a terminal, one line per 10% otherwise
 * (CI logs), so a long run shows that it is moving and how fast.
 */
final class Progress implements AutoCloseable {

    private static final boolean TERMINAL = System.console() != null;
    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final LongSupplier done;
    private final long started = System.nanoTime();
    private final Thread ticker;
    private final AtomicLong lastDecile = new AtomicLong(-1);

    Progress(String label, long total, LongSupplier done) {
        this.label = label;
        this.total = Math.max(1, total);
        this.done = done;
        this.ticker = new Thread(this::tick, "progress-" + label);
        this.ticker.setDaemon(true);
        this.ticker.start();
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                draw(false);
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw(boolean last) {
        long n = Math.min(done.getAsLong(), total);
        double seconds = (System.nanoTime() - started) / 1e9;
        int filled = (int) (WIDTH * n / total);
        String line = String.format("  %-22s [%s%s] %3d%%  %,d/%,d  %,.0f/s  %.0f s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), 100 * n / total, n, total, seconds > 0 ? n / seconds : 0, seconds);
        if (TERMINAL) {
            System.err.print("\r" + line + (last ? "\n" : ""));
        } else {
            long decile = 10 * n / total;
            if (last || lastDecile.getAndSet(decile) != decile) {
                System.err.println(line);
            }
        }
        System.err.flush();
    }

    @Override
    public void close() {
        ticker.interrupt();
        try {
            ticker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw(true);
    }
}
