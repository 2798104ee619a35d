package fr.paris.ledger.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The export's lines in order, in batches whose lines have already been checked with
 * {@link CanonicalJson#exportLeafIndex} and leaf-hashed, on a pool of worker threads.
 *
 * <p>The caller's thread reads the stream in large chunks (cut after their last newline) and hands
 * each chunk to the pool; {@link #next} returns the batches in the stream's order, and {@link #advance}
 * walks their lines one by one, so whoever consumes them sees the lines exactly as a sequential
 * reader would (a read error comes after the lines read before it). At most {@code 2 * threads + 1}
 * chunks are read ahead, so memory is bounded. Lines are split on "\n" (0x0A) only, as
 * {@link ExportVerifier.LineReader} does: every other byte ("\r" included) stays in the line, an empty
 * line is a line, and a missing newline after the last line is tolerated.
 *
 * <p>Nothing here decides whether a line is good: a batch only says, per line, what the fast check
 * read as its leafIndex ({@link CanonicalJson#NOT_ACCEPTED} if it did not accept the line), and the
 * line's leaf hash. Closing shuts the pool down.
 */
final class LeafBatches implements AutoCloseable {
    static final int CHUNK_SIZE = 4 << 20;

    private final InputStream in;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final int chunkSize;
    private final ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
    private byte[] carry = new byte[0]; // the start of a line cut by the end of the previous chunk
    private boolean eof;
    /** A failed read: thrown once the lines read before it have all been handed out. */
    private IOException readError;
    private Batch batch; // the current line's
    private int index;

    LeafBatches(InputStream in, int threads, int chunkSize) {
        this.in = in;
        this.chunkSize = chunkSize;
        this.maxInFlight = 2 * threads + 1;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "verify-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Moves to the next line in the stream's order; false after the last. */
    boolean advance() throws IOException {
        while (batch == null || ++index >= batch.size()) {
            batch = next();
            index = -1;
            if (batch == null) {
                return false;
            }
        }
        return true;
    }

    /** What {@link CanonicalJson#exportLeafIndex} said of the current line. */
    long fastLeafIndex() {
        return batch.leafIndex(index);
    }

    /** A copy of the current line's bytes, without its newline. */
    byte[] line() {
        return batch.line(index);
    }

    /** The current line's leaf hash (a copy). */
    byte[] leafHash() {
        return batch.leafHash(index);
    }

    /** The next batch of lines in the stream's order, or null after the last. */
    Batch next() throws IOException {
        while (inFlight.size() < maxInFlight) {
            Chunk chunk = readChunk();
            if (chunk == null) {
                break;
            }
            inFlight.add(pool.submit(() -> Batch.of(chunk)));
        }
        Future<Batch> oldest = inFlight.poll();
        if (oldest == null) {
            if (readError != null) {
                throw readError;
            }
            return null;
        }
        try {
            return oldest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking the export");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private record Chunk(byte[] data, int length) {
    }

    /** The next chunk of whole lines (the last one may lack its newline), or null at the end. */
    private Chunk readChunk() throws IOException {
        if (eof) {
            return null;
        }
        byte[] buf = new byte[Math.max(chunkSize, carry.length + Math.max(1, chunkSize / 2))];
        System.arraycopy(carry, 0, buf, 0, carry.length);
        int filled = carry.length;
        int searched = filled; // the carry holds no newline
        while (true) {
            while (filled < buf.length) {
                int n;
                try {
                    n = in.read(buf, filled, buf.length - filled);
                } catch (IOException e) {
                    // hand out the whole lines read so far; the error comes after them
                    readError = e;
                    eof = true;
                    int cut = filled;
                    while (cut > 0 && buf[cut - 1] != '\n') {
                        cut--;
                    }
                    return cut == 0 ? null : new Chunk(buf, cut);
                }
                if (n < 0) {
                    eof = true;
                    break;
                }
                filled += n;
            }
            if (eof) {
                carry = null;
                return filled == 0 ? null : new Chunk(buf, filled);
            }
            int cut = filled;
            while (cut > searched && buf[cut - 1] != '\n') {
                cut--;
            }
            if (cut > searched) {
                carry = Arrays.copyOfRange(buf, cut, filled);
                return new Chunk(buf, cut);
            }
            // one line longer than the buffer: read on
            searched = filled;
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }

    /** The lines of one chunk, each with its fast-check result and leaf hash. */
    static final class Batch {
        private final byte[] data;
        private int count;
        private int[] starts;
        private int[] ends;
        private long[] leafIndexes;
        private byte[] hashes;

        private Batch(byte[] data, int capacity) {
            this.data = data;
            this.starts = new int[capacity];
            this.ends = new int[capacity];
        }

        static Batch of(Chunk chunk) {
            byte[] data = chunk.data();
            int length = chunk.length();
            Batch batch = new Batch(data, length / 256 + 16);
            int start = 0;
            while (start < length) { // the last line may lack its newline
                int end = lineEnd(data, start, length);
                batch.add(start, end);
                start = end + 1;
            }
            batch.leafIndexes = new long[batch.count];
            batch.hashes = new byte[batch.count * Merkle.HASH_SIZE];
            for (int k = 0; k < batch.count; k++) {
                batch.checkAndHash(k);
            }
            return batch;
        }

        // Small methods, called once a line, so that the JIT compiles them early: a long loop in a
        // method called once a chunk would run interpreted until on-stack replacement.

        /** The index of the first newline at or after {@code from}, or {@code length}. */
        private static int lineEnd(byte[] data, int from, int length) {
            for (int i = from; i < length; i++) {
                if (data[i] == '\n') {
                    return i;
                }
            }
            return length;
        }

        private void checkAndHash(int k) {
            int s = starts[k];
            int len = ends[k] - s;
            leafIndexes[k] = CanonicalJson.exportLeafIndex(data, s, len);
            Merkle.leafHash(data, s, len, hashes, k * Merkle.HASH_SIZE);
        }

        private void add(int start, int end) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        int size() {
            return count;
        }

        /** What {@link CanonicalJson#exportLeafIndex} said of line {@code i}. */
        long leafIndex(int i) {
            return leafIndexes[i];
        }

        /** A copy of line {@code i}'s bytes, without its newline. */
        byte[] line(int i) {
            return Arrays.copyOfRange(data, starts[i], ends[i]);
        }

        /** Line {@code i}'s leaf hash (a copy). */
        byte[] leafHash(int i) {
            return Arrays.copyOfRange(hashes, i * Merkle.HASH_SIZE, (i + 1) * Merkle.HASH_SIZE);
        }
    }
}
