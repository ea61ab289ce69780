package dev.kb.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Inserts records with one prepared statement per table, bound once per record. jOOQ's {@code batchInsert}
 * renders the SQL again for every record, which is most of the cost of storing a large course.
 */
final class BatchInsert {
    /** Rows per JDBC batch: bounds the driver's buffers. */
    private static final int CHUNK = 2_000;

    private BatchInsert() {
    }

    /** Inserts every record, table by table in the order the tables first appear (parents before children). */
    static void insert(DSLContext dsl, List<? extends TableRecord<?>> records) {
        Map<Table<?>, List<TableRecord<?>>> byTable = new LinkedHashMap<>();
        for (TableRecord<?> r : records) {
            byTable.computeIfAbsent(r.getTable(), t -> new ArrayList<>()).add(r);
        }
        byTable.forEach((table, rows) -> {
            Field<?>[] fields = table.fields();
            for (int i = 0; i < rows.size(); i += CHUNK) {
                BatchBindStep batch = dsl.batch(dsl.insertInto(table).columns(fields)
                        .values(Collections.nCopies(fields.length, null)));
                for (TableRecord<?> r : rows.subList(i, Math.min(rows.size(), i + CHUNK))) {
                    batch.bind(r.intoArray());
                }
                batch.execute();
            }
        });
    }
}
