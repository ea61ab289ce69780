package dev.kb.store;

import static dev.kb.store.jooq.Tables.TEXT_EMBEDDING;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Embedding vectors by model and text hash: what was embedded once is never embedded again, whichever course or
 * run asks. Written outside the index run's transaction on purpose: a vector is true of its text whether or not
 * the run that computed it is published.
 */
public final class EmbeddingStore {
    private static final int BATCH = 1_000;
    private final DSLContext dsl;

    EmbeddingStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The vectors known for these hashes; hashes without one are absent from the answer. */
    public Map<String, float[]> find(String model, Collection<String> hashes) {
        Map<String, float[]> found = new HashMap<>();
        if (hashes.isEmpty()) {
            return found;
        }
        dsl.select(TEXT_EMBEDDING.TEXT_HASH, TEXT_EMBEDDING.VECTOR).from(TEXT_EMBEDDING)
                .where(TEXT_EMBEDDING.MODEL.eq(model), TEXT_EMBEDDING.TEXT_HASH.in(hashes))
                .forEach(r -> found.put(r.value1(), floats(r.value2())));
        return found;
    }

    /** Saves vectors; a hash already saved (by another process meanwhile) keeps its vector. */
    public void save(String model, Map<String, float[]> vectors) {
        var rows = vectors.entrySet().stream().toList();
        for (int i = 0; i < rows.size(); i += BATCH) {
            var insert = dsl.insertInto(TEXT_EMBEDDING, TEXT_EMBEDDING.MODEL, TEXT_EMBEDDING.TEXT_HASH,
                    TEXT_EMBEDDING.VECTOR);
            for (var e : rows.subList(i, Math.min(rows.size(), i + BATCH))) {
                insert = insert.values(model, e.getKey(), bytes(e.getValue()));
            }
            insert.onConflictDoNothing().execute();
        }
    }

    /** How many vectors of the model are saved. */
    public int count(String model) {
        return dsl.fetchCount(TEXT_EMBEDDING, TEXT_EMBEDDING.MODEL.eq(model));
    }

    private static byte[] bytes(float[] vector) {
        ByteBuffer b = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(vector);
        return b.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
