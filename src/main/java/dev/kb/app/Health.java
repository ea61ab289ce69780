package dev.kb.app;

import dev.kb.db.Database;
import dev.kb.search.SearchIndex;

/** Whether the parts kb needs answer right now. */
public final class Health {
    private final Database database;
    private final SearchIndex index;

    public record Status(String status, String database, String index) {
    }

    Health(Database database, SearchIndex index) {
        this.database = database;
        this.index = index;
    }

    public Status check() {
        boolean db = database.isUp();
        boolean idx = index.isReadable();
        return new Status(db && idx ? "ok" : "degraded", db ? "up" : "down", idx ? "up" : "down");
    }
}
