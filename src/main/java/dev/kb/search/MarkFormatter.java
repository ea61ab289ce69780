package dev.kb.search;

import dev.kb.common.Html;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats highlighted passages as HTML: the text escaped, each match in {@code <mark>}, passages joined by an
 * ellipsis. Overlapping matches are merged, so marks never nest.
 */
final class MarkFormatter extends PassageFormatter {
    private static final String ELLIPSIS = " … ";

    @Override
    public String format(Passage[] passages, String content) {
        StringBuilder out = new StringBuilder();
        for (Passage passage : passages) {
            if (out.length() > 0) {
                out.append(ELLIPSIS);
            }
            int pos = passage.getStartOffset();
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int start = Math.max(pos, passage.getMatchStarts()[i]);
                int end = passage.getMatchEnds()[i];
                if (end <= start) {
                    continue;
                }
                // Extend the mark while the next match touches or overlaps this one.
                while (i + 1 < passage.getNumMatches() && passage.getMatchStarts()[i + 1] <= end) {
                    end = Math.max(end, passage.getMatchEnds()[++i]);
                }
                out.append(Html.escape(content.substring(pos, start)))
                        .append("<mark>").append(Html.escape(content.substring(start, end))).append("</mark>");
                pos = end;
            }
            out.append(Html.escape(content.substring(pos, Math.max(pos, passage.getEndOffset()))));
        }
        return out.toString().strip();
    }
}
