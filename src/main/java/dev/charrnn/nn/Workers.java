package dev.charrnn.nn;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of threads that run the parts of one job together: {@code run(job)} calls {@code job.accept(i)} for
 * every i in [0, threads) at once, part 0 on the calling thread, and returns when all are done. Made for
 * {@link Matmul}, whose calls last tens of microseconds to milliseconds: helpers spin briefly before parking, so
 * back-to-back calls do not pay a wake-up each (an executor's queue and futures cost about as much as a small
 * product). One job at a time; {@code run} is synchronized.
 */
public final class Workers implements AutoCloseable {
    /** About 20 µs of spinning before a waiting thread parks. */
    private static final int SPINS = 1 << 12;

    private final Thread[] helpers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile IntConsumer job;
    private volatile long round;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;

    private Workers(int threads) {
        helpers = new Thread[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            int part = i + 1;
            helpers[i] = new Thread(() -> loop(part), "charrnn-worker-" + part);
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    /** {@code threads} ≥ 1 parts per job; 1 runs everything on the caller and starts no thread. */
    public static Workers of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return new Workers(threads);
    }

    public int threads() {
        return helpers.length + 1;
    }

    /** Runs {@code job.accept(i)} for i in [0, threads()) concurrently; rethrows the first failure of a part. */
    public synchronized void run(IntConsumer job) {
        if (closed) {
            throw new IllegalStateException("workers are closed");
        }
        if (helpers.length == 0) {
            job.accept(0);
            return;
        }
        this.job = job;
        this.caller = Thread.currentThread();
        this.failure = null;
        pending.set(helpers.length);
        round++;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
        try {
            job.accept(0);
        } finally {
            int spins = 0;
            while (pending.get() != 0) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
        Throwable t = failure;
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private void loop(int part) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (round == seen) {
                if (closed) {
                    return;
                }
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = round;
            try {
                job.accept(part);
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
    }
}
