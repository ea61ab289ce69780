package dev.kb.store;

import static dev.kb.store.jooq.Tables.AGENDA_ITEM;
import static dev.kb.store.jooq.Tables.AGENDA_MODULE;
import static dev.kb.store.jooq.Tables.AGENDA_SECTION;

import dev.kb.model.Agenda;
import dev.kb.model.TopicIds;
import dev.kb.store.jooq.tables.records.AgendaItemRecord;
import dev.kb.store.jooq.tables.records.AgendaModuleRecord;
import dev.kb.store.jooq.tables.records.AgendaSectionRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

public final class AgendaStore {
    private final DSLContext dsl;

    public AgendaStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Replaces the course's agenda; {@code isTopic} tells which linked paths are topic documents. */
    public void replace(String courseId, Agenda agenda, Predicate<String> isTopic) {
        dsl.deleteFrom(AGENDA_ITEM).where(AGENDA_ITEM.COURSE_ID.eq(courseId)).execute();
        dsl.deleteFrom(AGENDA_MODULE).where(AGENDA_MODULE.COURSE_ID.eq(courseId)).execute();
        dsl.deleteFrom(AGENDA_SECTION).where(AGENDA_SECTION.COURSE_ID.eq(courseId)).execute();
        List<TableRecord<?>> records = new ArrayList<>();
        for (int s = 0; s < agenda.sections().size(); s++) {
            Agenda.Section section = agenda.sections().get(s);
            records.add(new AgendaSectionRecord(courseId, s, section.title()));
            for (int m = 0; m < section.modules().size(); m++) {
                Agenda.Module module = section.modules().get(m);
                records.add(new AgendaModuleRecord(courseId, s, m, module.title()));
                for (int i = 0; i < module.items().size(); i++) {
                    Agenda.Item item = module.items().get(i);
                    String documentId = item.status() == Agenda.Status.LINKED && isTopic.test(item.targetPath())
                            ? TopicIds.of(courseId, item.targetPath()) : null;
                    records.add(new AgendaItemRecord(courseId, s, m, i, item.title(), item.href(),
                            item.status().dbName(), item.targetPath(), item.fragment(), item.url(), documentId,
                            item.reason()));
                }
            }
        }
        if (!records.isEmpty()) {
            BatchInsert.insert(dsl, records);
        }
    }

    public StoredAgenda read(String courseId) {
        Map<Integer, String> sectionTitles = new LinkedHashMap<>();
        dsl.selectFrom(AGENDA_SECTION).where(AGENDA_SECTION.COURSE_ID.eq(courseId)).orderBy(AGENDA_SECTION.ORD)
                .forEach(r -> sectionTitles.put(r.getOrd(), r.getTitle()));
        Map<List<Integer>, String> moduleTitles = new LinkedHashMap<>();
        dsl.selectFrom(AGENDA_MODULE).where(AGENDA_MODULE.COURSE_ID.eq(courseId))
                .orderBy(AGENDA_MODULE.SECTION_ORD, AGENDA_MODULE.ORD)
                .forEach(r -> moduleTitles.put(List.of(r.getSectionOrd(), r.getOrd()), r.getTitle()));
        Map<List<Integer>, List<StoredAgenda.Item>> items = new LinkedHashMap<>();
        dsl.selectFrom(AGENDA_ITEM).where(AGENDA_ITEM.COURSE_ID.eq(courseId))
                .orderBy(AGENDA_ITEM.SECTION_ORD, AGENDA_ITEM.MODULE_ORD, AGENDA_ITEM.ORD)
                .forEach(r -> items.computeIfAbsent(List.of(r.getSectionOrd(), r.getModuleOrd()), k -> new ArrayList<>())
                        .add(new StoredAgenda.Item(r.getOrd(), new Agenda.Item(r.getTitle(), r.getHref(),
                                Agenda.Status.fromDb(r.getStatus()), r.getTargetPath(), r.getFragment(), r.getUrl(),
                                r.getReason()), r.getDocumentId())));
        List<StoredAgenda.Section> sections = new ArrayList<>();
        sectionTitles.forEach((s, title) -> {
            List<StoredAgenda.Module> modules = new ArrayList<>();
            moduleTitles.forEach((key, moduleTitle) -> {
                if (key.get(0).equals(s)) {
                    modules.add(new StoredAgenda.Module(key.get(1), moduleTitle,
                            List.copyOf(items.getOrDefault(key, List.of()))));
                }
            });
            sections.add(new StoredAgenda.Section(s, title, List.copyOf(modules)));
        });
        return new StoredAgenda(List.copyOf(sections));
    }
}
