package dev.kb.testing;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.search.SearchHit;
import dev.kb.search.SearchService;
import java.nio.file.Path;
import java.util.List;

/** Several kb processes on one fresh database, each with a data directory (and search index) of its own. */
public record Replicas(Config.DatabaseSettings database, Path dir) {

    public static Replicas fresh(Path dir) {
        return new Replicas(TestDatabases.fresh(TestDatabases.Target.EMBEDDED), dir);
    }

    public Kb open(String name) {
        return Kb.open(new Config(0, dir.resolve(name), database));
    }

    /** The paths a search of one course finds on a process, best first. */
    public static List<String> paths(Kb kb, String course, String query) {
        return kb.services().search().search(new SearchService.Request(query, course, 10, 0)).hits().stream()
                .map(SearchHit::path).toList();
    }
}
