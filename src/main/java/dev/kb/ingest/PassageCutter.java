package dev.kb.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a document's blocks (paragraphs, list items, tables, code blocks, in file order) into passages of about
 * {@value #MIN_WORDS}–{@value #MAX_WORDS} words for retrieval. Cuts fall at section, paragraph and code-block
 * boundaries: a code block is never split; prose longer than a passage is cut at sentences (at words only when
 * one sentence is that long). A section is where a passage starts, and a short section runs on into the next
 * ones (their headings kept as lines of text) until the passage has {@value #MIN_WORDS} words — but never past a
 * heading of higher rank than its own. A short tail is folded into the passage before it.
 */
final class PassageCutter {
    static final int MIN_WORDS = 150;
    static final int MAX_WORDS = 250;
    /** A tail this short joins the previous passage when both together stay below {@link #FOLD_LIMIT}. */
    private static final int TAIL_WORDS = 50;
    private static final int FOLD_LIMIT = 300;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?:;])\\s+");

    /** A block as the passage shows it ({@code text}: prose as plain text, code fenced) and what it is. */
    record Block(String text, boolean code) {
        int words() {
            return DocumentParser.countWords(text);
        }
    }

    /** A section's heading (null before the first heading) and blocks. */
    record Section(int ord, int level, String heading, List<Block> blocks) {
    }

    /** A passage: the section it starts in, and its blocks. */
    record Cut(int sectionOrd, List<Block> blocks) {
        int words() {
            return blocks.stream().mapToInt(Block::words).sum();
        }
    }

    private PassageCutter() {
    }

    static List<Cut> cut(List<Section> sections) {
        List<Cut> passages = new ArrayList<>();
        Open open = null;
        for (Section section : sections) {
            if (open != null && !(open.words < MIN_WORDS && section.level() >= open.start.level())) {
                open.closeInto(passages);
                open = null;
            }
            // A section the passage runs on into shows its heading, just before its first block.
            Block heading = open == null || section.heading() == null ? null
                    : new Block("#".repeat(Math.max(1, section.level())) + " " + section.heading(), false);
            if (open == null) {
                open = new Open(section);
            }
            for (Block block : section.blocks()) {
                for (Block piece : block.code() ? List.of(block) : pieces(block)) {
                    int n = piece.words() + (heading == null ? 0 : heading.words());
                    if (open.words > 0 && open.words + n > MAX_WORDS) {
                        open.closeInto(passages);
                        open = new Open(section); // starts in this section: its heading is the citation's
                        heading = null;
                    }
                    if (heading != null) {
                        open.add(heading);
                        heading = null;
                    }
                    open.add(piece);
                }
            }
        }
        if (open != null && !open.blocks.isEmpty()) {
            Cut last = passages.isEmpty() ? null : passages.get(passages.size() - 1);
            if (last != null && open.words < TAIL_WORDS && last.words() + open.words <= FOLD_LIMIT) {
                last.blocks().addAll(open.blocks);
            } else {
                open.closeInto(passages);
            }
        }
        return passages;
    }

    /** The passage being filled: the section it starts in and its blocks so far. */
    private static final class Open {
        final Section start;
        final List<Block> blocks = new ArrayList<>();
        int words;

        Open(Section start) {
            this.start = start;
        }

        void add(Block block) {
            blocks.add(block);
            words += block.words();
        }

        /** Sections without text make no passage. */
        void closeInto(List<Cut> passages) {
            if (!blocks.isEmpty()) {
                passages.add(new Cut(start.ord(), blocks));
            }
        }
    }

    /** Prose longer than a passage, in pieces of whole sentences (or words, for a sentence that long). */
    private static List<Block> pieces(Block prose) {
        if (prose.words() <= MAX_WORDS) {
            return List.of(prose);
        }
        List<Block> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int words = 0;
        for (String sentence : SENTENCE_END.split(prose.text())) {
            for (String part : wordGroups(sentence)) {
                int n = DocumentParser.countWords(part);
                if (words > 0 && words + n > MAX_WORDS) {
                    pieces.add(new Block(piece.toString(), false));
                    piece.setLength(0);
                    words = 0;
                }
                piece.append(piece.length() > 0 ? " " : "").append(part);
                words += n;
            }
        }
        if (piece.length() > 0) {
            pieces.add(new Block(piece.toString(), false));
        }
        return pieces;
    }

    /** A sentence, or a sentence longer than a passage in groups of {@link #MAX_WORDS} whitespace-separated words. */
    private static List<String> wordGroups(String sentence) {
        if (DocumentParser.countWords(sentence) <= MAX_WORDS) {
            return List.of(sentence);
        }
        String[] tokens = WHITESPACE.split(sentence.strip());
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < tokens.length; i += MAX_WORDS) {
            groups.add(String.join(" ", Arrays.copyOfRange(tokens, i, Math.min(tokens.length, i + MAX_WORDS))));
        }
        return groups;
    }
}
