package dev.kb.search;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns text into a vector of its meaning, in process: all-MiniLM-L6-v2 (quantized, 384 dimensions, weights inside
 * its jar, ONNX Runtime on the CPU). One model per process, loaded on first use: loading takes about a second and
 * some 90 MB, and every kb instance of a process (an evaluation opens several) shares it. The model knows English;
 * what that means for German is measured in {@code docs/benchmarks.md} and handled by {@link Semantics}.
 */
public final class Embedder {
    /** Saved with every vector: vectors of another model (or version of it) are never mixed with these. */
    public static final String MODEL = "all-minilm-l6-v2-q/1";
    public static final int DIMENSIONS = 384;
    /** Texts embedded in one call: large enough to amortise the call, small enough to bound its memory. */
    private static final int CHUNK = 64;
    /** Recently embedded texts by hash (about 6 MB): a rebuild in the same process does not ask the model again. */
    private static final int RECENT = 4_000;

    private static volatile EmbeddingModel model;
    private static final AtomicLong embedded = new AtomicLong();
    private static final Map<String, float[]> recent = new LinkedHashMap<>(RECENT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > RECENT;
        }
    };

    private Embedder() {
    }

    /** The text's vector, of unit length. */
    public static float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /** The texts' vectors in order, each of unit length. */
    public static List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += CHUNK) {
            List<TextSegment> chunk = texts.subList(i, Math.min(texts.size(), i + CHUNK)).stream()
                    .map(TextSegment::from).toList();
            model().embedAll(chunk).content().forEach(e -> vectors.add(unit(e.vector())));
            embedded.addAndGet(chunk.size());
        }
        return vectors;
    }

    /** Texts the model embedded in this process so far (a test sees that a cached text was not embedded again). */
    public static long embeddedTexts() {
        return embedded.get();
    }

    /** A vector recently computed or loaded in this process. */
    static float[] recent(String hash) {
        synchronized (recent) {
            return recent.get(hash);
        }
    }

    static void remember(String hash, float[] vector) {
        synchronized (recent) {
            recent.put(hash, vector);
        }
    }

    /**
     * Forgets the recent vectors, as a new process would not have them: a test sees that vectors come back from
     * PostgreSQL, not from the model.
     */
    static void forgetRecent() {
        synchronized (recent) {
            recent.clear();
        }
    }

    /** The key a text's vector is kept under: the model and the text, hashed. */
    public static String hash(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(MODEL.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (Embedder.class) {
                m = model;
                if (m == null) {
                    m = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    model = m;
                }
            }
        }
        return m;
    }

    /** Lucene's dot-product similarity wants unit vectors; scaling does not change a vector's meaning. */
    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] * scale;
        }
        return u;
    }
}
