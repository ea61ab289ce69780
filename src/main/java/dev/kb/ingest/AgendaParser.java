package dev.kb.ingest;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkRef;
import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import dev.kb.model.Agenda;
import dev.kb.model.CourseFiles;
import dev.kb.model.LinkTarget;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a course's README.md as its agenda. The first H1 is the course title; each H2 opens a section;
 * in a section, the items of a top-level list are modules and the items of the lists nested in them are the
 * module's items. A top-level list with no nested lists is one module (named after the section) whose
 * items are its entries, so a flat list of links is not lost.
 */
public final class AgendaParser {
    public static final String AGENDA_PATH = "README.md";

    private AgendaParser() {
    }

    public static Agenda parse(String markdown, String fallbackTitle, CourseFiles files) {
        Document doc = Markdown.parse(markdown);
        String title = null;
        List<Agenda.Section> sections = new ArrayList<>();
        String sectionTitle = null;
        List<Agenda.Module> modules = new ArrayList<>();
        for (Node node = doc.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading && heading.getLevel() <= 2) {
                String text = Markdown.text(heading);
                if (heading.getLevel() == 1 && title == null) {
                    title = text;
                    continue;
                }
                if (heading.getLevel() == 2) {
                    closeSection(sections, sectionTitle, modules);
                    sectionTitle = text;
                    modules = new ArrayList<>();
                }
            } else if (node instanceof ListBlock list) {
                String owner = sectionTitle != null ? sectionTitle : (title != null ? title : fallbackTitle);
                modules.addAll(modules(list, owner, doc, files));
                if (sectionTitle == null) {
                    sectionTitle = owner;
                }
            }
        }
        closeSection(sections, sectionTitle, modules);
        return new Agenda(title != null && !title.isBlank() ? title : fallbackTitle, List.copyOf(sections));
    }

    private static void closeSection(List<Agenda.Section> sections, String title, List<Agenda.Module> modules) {
        if (title != null) {
            sections.add(new Agenda.Section(title, List.copyOf(modules)));
        }
    }

    private static List<Agenda.Module> modules(ListBlock list, String sectionTitle, Document doc, CourseFiles files) {
        boolean nested = false;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            nested |= !nestedLists(item).isEmpty();
        }
        List<Agenda.Module> modules = new ArrayList<>();
        if (!nested) {
            List<Agenda.Item> items = new ArrayList<>();
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                items.add(item((ListItem) item, doc, files));
            }
            modules.add(new Agenda.Module(sectionTitle, List.copyOf(items)));
            return modules;
        }
        for (Node node = list.getFirstChild(); node != null; node = node.getNext()) {
            ListItem moduleItem = (ListItem) node;
            List<Agenda.Item> items = new ArrayList<>();
            for (ListItem entry : descendantItems(moduleItem)) {
                items.add(item(entry, doc, files));
            }
            Agenda.Item own = item(moduleItem, doc, files);
            if (items.isEmpty() && own.href() != null) {
                // A module written as a link with nothing under it still promises that document.
                items.add(own);
            }
            modules.add(new Agenda.Module(own.title(), List.copyOf(items)));
        }
        return modules;
    }

    /** All list items below a module, at any depth, in document order. */
    private static List<ListItem> descendantItems(ListItem moduleItem) {
        List<ListItem> result = new ArrayList<>();
        Deque<Node> stack = new ArrayDeque<>();
        List<ListBlock> lists = nestedLists(moduleItem);
        for (int i = lists.size() - 1; i >= 0; i--) {
            stack.push(lists.get(i));
        }
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            if (node instanceof ListItem item) {
                result.add(item);
                List<ListBlock> inner = nestedLists(item);
                for (int i = inner.size() - 1; i >= 0; i--) {
                    stack.push(inner.get(i));
                }
            } else {
                List<Node> children = new ArrayList<>();
                node.getChildren().forEach(children::add);
                for (int i = children.size() - 1; i >= 0; i--) {
                    stack.push(children.get(i));
                }
            }
        }
        return result;
    }

    private static List<ListBlock> nestedLists(Node item) {
        List<ListBlock> lists = new ArrayList<>();
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof ListBlock list) {
                lists.add(list);
            }
        }
        return lists;
    }

    private static Agenda.Item item(ListItem listItem, Document doc, CourseFiles files) {
        StringBuilder title = new StringBuilder();
        String href = null;
        for (Node child = listItem.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof ListBlock) {
                continue;
            }
            if (title.length() > 0) {
                title.append(' ');
            }
            title.append(Markdown.text(child));
            if (href == null) {
                href = firstLinkTarget(child, doc);
            }
        }
        return resolve(title.toString().strip(), href, files);
    }

    private static String firstLinkTarget(Node block, Document doc) {
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(block);
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            if (node instanceof Link link) {
                return link.getUrl().toString();
            }
            if (node instanceof AutoLink auto) {
                return auto.getText().toString();
            }
            if (node instanceof LinkRef ref && ref.isDefined()) {
                Reference target = ref.getReferenceNode(doc);
                if (target != null) {
                    return target.getUrl().toString();
                }
            }
            List<Node> children = new ArrayList<>();
            node.getChildren().forEach(children::add);
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
        return null;
    }

    static Agenda.Item resolve(String title, String href, CourseFiles files) {
        if (href == null) {
            return new Agenda.Item(title, null, Agenda.Status.UNLINKED, null, null, null, null);
        }
        LinkTarget target = LinkResolver.resolve(href, AGENDA_PATH);
        return switch (target.kind()) {
            case EMPTY -> new Agenda.Item(title, href, Agenda.Status.EMPTY, null, null, null, "the link has no target");
            case EXTERNAL -> new Agenda.Item(title, href, Agenda.Status.EXTERNAL, null, null, target.url(), null);
            case OTHER -> new Agenda.Item(title, href, Agenda.Status.MISSING, null, null, null, target.problem());
            case LOCAL, ANCHOR -> {
                if (target.problem() != null) {
                    yield new Agenda.Item(title, href, Agenda.Status.MISSING, null, target.fragment(), null, target.problem());
                }
                yield files.existing(target.targetPath())
                        .map(path -> new Agenda.Item(title, href, Agenda.Status.LINKED, path, target.fragment(), null, null))
                        .orElseGet(() -> new Agenda.Item(title, href, Agenda.Status.MISSING, target.targetPath(),
                                target.fragment(), null, LinkTarget.NO_SUCH_FILE));
            }
        };
    }
}
