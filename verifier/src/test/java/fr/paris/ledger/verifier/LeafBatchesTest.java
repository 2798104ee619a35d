package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LeafBatches} and {@link ExportVerifier.LineReader} split a stream into the same lines as a
 * plain split on "\n" (an empty line is a line, a missing last newline is tolerated), whatever the
 * chunk size and however the stream hands out its bytes; and each batch's checks and hashes are the
 * line's own.
 */
class LeafBatchesTest {

    /** The reference split: on "\n" only; the part after the last newline is a line if not empty. */
    static List<byte[]> split(byte[] data) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                lines.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        if (start < data.length) {
            lines.add(Arrays.copyOfRange(data, start, data.length));
        }
        return lines;
    }

    /** A stream that returns at most a few bytes (sometimes none) a call. */
    static InputStream trickle(byte[] data, Random random) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, random.nextInt(7)));
            }
        };
    }

    static byte[] randomText(Random random) {
        int n = random.nextInt(300);
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(10);
            data[i] = (byte) (k == 0 ? '\n' : k == 1 ? '\r' : 'a' + random.nextInt(26));
        }
        return data;
    }

    static List<byte[]> viaBatches(InputStream in, int threads, int chunkSize) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (LeafBatches batches = new LeafBatches(in, threads, chunkSize)) {
            LeafBatches.Batch batch;
            while ((batch = batches.next()) != null) {
                for (int i = 0; i < batch.size(); i++) {
                    byte[] line = batch.line(i);
                    assertThat(batch.leafHash(i)).isEqualTo(Merkle.leafHash(line));
                    assertThat(batch.leafIndex(i)).isEqualTo(CanonicalJson.exportLeafIndex(line, 0, line.length));
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    static List<byte[]> viaCursor(InputStream in, int threads, int chunkSize) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (LeafBatches batches = new LeafBatches(in, threads, chunkSize)) {
            while (batches.advance()) {
                byte[] line = batches.line();
                assertThat(batches.leafHash()).isEqualTo(Merkle.leafHash(line));
                assertThat(batches.fastLeafIndex()).isEqualTo(CanonicalJson.exportLeafIndex(line, 0, line.length));
                lines.add(line);
            }
            assertThat(batches.advance()).isFalse();
        }
        return lines;
    }

    static List<byte[]> viaLineReader(InputStream in) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        ExportVerifier.LineReader reader = new ExportVerifier.LineReader(in);
        byte[] line;
        while ((line = reader.next()) != null) {
            lines.add(line);
        }
        assertThat(reader.next()).isNull();
        return lines;
    }

    @Test
    void randomStreamsSplitAsAPlainSplitDoes() throws IOException {
        Random random = new Random(42);
        List<byte[]> fixed = List.of(new byte[0], "\n".getBytes(), "\n\n".getBytes(), "a".getBytes(), "a\n".getBytes(),
                "a\n\n".getBytes(), "\na".getBytes(), "a\r\nb\r\n".getBytes(), "ab\ncd\n\nef".getBytes());
        for (int n = 0; n < 3000; n++) {
            byte[] data = n < fixed.size() ? fixed.get(n) : randomText(random);
            List<byte[]> expected = split(data);
            int chunk = 1 + random.nextInt(40);
            int threads = 1 + random.nextInt(3);
            assertThat(viaBatches(new ByteArrayInputStream(data), threads, chunk)).as("chunk %d", chunk)
                    .containsExactlyElementsOf(expected);
            assertThat(viaBatches(trickle(data, random), threads, chunk)).containsExactlyElementsOf(expected);
            assertThat(viaCursor(trickle(data, random), threads, chunk)).containsExactlyElementsOf(expected);
            assertThat(viaLineReader(new ByteArrayInputStream(data))).containsExactlyElementsOf(expected);
            assertThat(viaLineReader(trickle(data, random))).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void exportLinesAcrossManySmallChunks() throws IOException {
        ExportFixture fixture = ExportFixture.generate(100);
        byte[] data = ExportFixture.export(fixture.lines).getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 100, 700, 4096, 1 << 20}) {
            List<byte[]> lines = viaBatches(new ByteArrayInputStream(data), 2, chunk);
            assertThat(lines).hasSize(100);
            for (int i = 0; i < lines.size(); i++) {
                assertThat(new String(lines.get(i), StandardCharsets.UTF_8)).isEqualTo(fixture.lines.get(i));
                assertThat(CanonicalJson.exportLeafIndex(lines.get(i), 0, lines.get(i).length)).isEqualTo(i);
            }
        }
    }
}
