package org.voxarch.runtime.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.voxarch.runtime.data.PreprocessedCase;

/**
 * Produces training (or validation) batches on background threads, ahead of the consumer.
 *
 * <p>Every sample is drawn from its own generator, seeded from (seed, epoch, iteration, index in batch): the case
 * (uniformly, with replacement, as nnU-Net), the patch position (the last samples forced onto foreground, see
 * {@link PatchSampler#forcesForeground}) and the augmentation. A batch therefore depends only on its position, never
 * on which thread made it or when, and a resumed run sees the same batches as an uninterrupted one.
 *
 * <p>{@link #open} hands batches out in order while keeping up to {@code prefetch} batches queued or in the making;
 * failures surface on the consuming thread as {@link BatchLoadingException} naming the case.
 */
public final class BatchLoader implements AutoCloseable {
    private static final AtomicInteger LOADERS = new AtomicInteger();
    private static final long SHUTDOWN_SECONDS = 10;

    private final List<PreprocessedCase> cases;
    private final PatchSampler sampler;
    private final Augmentations augmentations;
    private final int batchSize;
    private final int firstSample;
    private final int globalBatch;
    private final double oversampling;
    private final long seed;
    private final int prefetch;
    private final int channels;
    private final ExecutorService workers;

    /**
     * @param cases         labelled cases, all with the same number of channels
     * @param sampler       where patches lie
     * @param augmentations what is done to each patch ({@link Augmentations#none()} for validation)
     * @param batchSize     B
     * @param oversampling  foreground oversampling fraction (0.33)
     * @param seed          the stream's seed (derive different ones for training and validation)
     * @param threads       background threads, at least 1 ({@link #defaultThreads()})
     * @param prefetch      batches kept queued or in the making ahead of the consumer, at least 1
     */
    public BatchLoader(List<PreprocessedCase> cases, PatchSampler sampler, Augmentations augmentations, int batchSize,
                       double oversampling, long seed, int threads, int prefetch) {
        this(cases, sampler, augmentations, BatchShard.WHOLE.of(batchSize), oversampling, seed, threads, prefetch);
    }

    /**
     * A loader of one shard of every batch (data-parallel training): the samples {@code shard.first() ..} of the
     * global batch, drawn exactly as a single loader of the whole batch would draw them, so that the shards of all
     * ranks together are the single-process batch.
     */
    public BatchLoader(List<PreprocessedCase> cases, PatchSampler sampler, Augmentations augmentations,
                       BatchShard.Sized shard, double oversampling, long seed, int threads, int prefetch) {
        int batchSize = shard.size();
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no cases to load batches from");
        }
        if (batchSize <= 0 || threads <= 0 || prefetch <= 0) {
            throw new IllegalArgumentException("batch size, threads and prefetch must be positive, got " + batchSize
                    + ", " + threads + ", " + prefetch);
        }
        if (!(oversampling >= 0 && oversampling <= 1)) {
            throw new IllegalArgumentException("foreground oversampling must be in [0, 1], got " + oversampling);
        }
        this.cases = List.copyOf(cases);
        this.channels = cases.get(0).channels();
        for (PreprocessedCase c : this.cases) {
            if (!c.labelled()) {
                throw new IllegalArgumentException("case " + c.id() + " has no labels and cannot be trained on");
            }
            if (c.channels() != channels) {
                throw new IllegalArgumentException("case " + c.id() + " has " + c.channels() + " channels but case "
                        + cases.get(0).id() + " has " + channels);
            }
        }
        this.sampler = sampler;
        this.augmentations = augmentations;
        this.batchSize = batchSize;
        this.firstSample = shard.first();
        this.globalBatch = shard.globalSize();
        this.oversampling = oversampling;
        this.seed = seed;
        this.prefetch = prefetch;
        this.workers = Executors.newFixedThreadPool(threads, daemonThreads("voxarch-loader-" + LOADERS.incrementAndGet()));
    }

    /** @return max(1, processors − 1): leave one core to the training thread's own work */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** @return B */
    public int batchSize() {
        return batchSize;
    }

    /** @return the number of image channels of every case */
    public int channels() {
        return channels;
    }

    /**
     * Makes the batch of ({@code epoch}, {@code iteration}) on the calling thread.
     *
     * @throws BatchLoadingException naming the case if sampling or augmenting fails
     */
    public Batch load(int epoch, int iteration) {
        int[] patch = sampler.patchSize();
        int voxels = patch[0] * patch[1] * patch[2];
        float[] images = new float[batchSize * channels * voxels];
        byte[] labels = new byte[batchSize * voxels];
        List<String> ids = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            int sample = firstSample + b;
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, epoch, iteration, sample));
            PreprocessedCase c = cases.get(rng.nextInt(cases.size()));
            try {
                boolean foreground = PatchSampler.forcesForeground(sample, globalBatch, oversampling);
                int[] origin = sampler.origin(c, foreground, rng);
                Patch p = augmentations.apply(c, origin, patch, rng);
                for (int ch = 0; ch < channels; ch++) {
                    System.arraycopy(p.images()[ch], 0, images, (b * channels + ch) * voxels, voxels);
                }
                System.arraycopy(p.labels(), 0, labels, b * voxels, voxels);
            } catch (RuntimeException e) {
                throw new BatchLoadingException(c.id(), epoch, iteration, e);
            }
            ids.add(c.id());
        }
        return new Batch(epoch, iteration, channels, patch, images, labels, ids);
    }

    /**
     * Starts producing the batches {@code first .. first+count-1} of {@code epoch} in the background.
     *
     * @return the batches in order; close it to stop early
     */
    public Batches open(int epoch, int first, int count) {
        return new Batches(epoch, first, count);
    }

    /** Stops the background threads; batches still being made are abandoned. */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("batch loader threads did not stop within " + SHUTDOWN_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The batches of one range of iterations, in order, made ahead in the background. */
    public final class Batches implements AutoCloseable {
        private final int epoch;
        private final int end;
        private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
        private int nextToSubmit;
        private int nextToHand;
        private long waitNanos;

        private Batches(int epoch, int first, int count) {
            if (count < 0) {
                throw new IllegalArgumentException("negative batch count " + count);
            }
            this.epoch = epoch;
            this.nextToSubmit = first;
            this.nextToHand = first;
            this.end = first + count;
            fill();
        }

        /** @return true while batches remain */
        public boolean hasNext() {
            return nextToHand < end;
        }

        /**
         * Waits for and returns the next batch.
         *
         * @throws BatchLoadingException naming the case if it could not be made
         * @throws NoSuchElementException past the last batch
         */
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("every batch up to iteration " + (end - 1) + " was handed out");
            }
            Future<Batch> head = pending.removeFirst();
            int iteration = nextToHand++;
            fill();
            long start = System.nanoTime();
            try {
                return head.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BatchLoadingException b) {
                    throw BatchLoadingException.rethrown(b);
                }
                throw new BatchLoadingException(null, epoch, iteration, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatchLoadingException(null, epoch, iteration, e);
            } catch (CancellationException e) {
                throw new BatchLoadingException(null, epoch, iteration, e);
            } finally {
                waitNanos += System.nanoTime() - start;
            }
        }

        /** @return how long {@link #next} has blocked so far (the network waiting for data), in seconds */
        public double waitSeconds() {
            return waitNanos / 1e9;
        }

        /** Abandons the batches not yet handed out. */
        @Override
        public void close() {
            pending.forEach(f -> f.cancel(true));
            pending.clear();
            nextToHand = end;
        }

        private void fill() {
            while (nextToSubmit < end && pending.size() < prefetch) {
                int iteration = nextToSubmit++;
                pending.addLast(workers.submit(() -> load(epoch, iteration)));
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            // Daemons, so a loader that was never closed cannot keep the JVM alive.
            t.setDaemon(true);
            return t;
        };
    }
}
