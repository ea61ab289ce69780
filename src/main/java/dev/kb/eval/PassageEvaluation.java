package dev.kb.eval;

import dev.kb.search.PassageService;
import dev.kb.search.Passages;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores passages for retrieval-augmented answers on judged questions: does one of the top {@value #K} passages
 * cite a document that answers the question? Also how large the passages are.
 */
public final class PassageEvaluation {
    public static final int K = 5;

    /**
     * {@code cited}: questions with a passage citing a relevant document in the top {@value #K}; {@code mrr} the
     * mean reciprocal rank of the first such passage; {@code missed}: the questions none of whose top passages does.
     */
    public record Report(int questions, int cited, double mrr, double medianChars, List<String> missed,
                         List<Float> citedTopScores, List<Float> missedTopScores) {
    }

    private PassageEvaluation() {
    }

    public static Report run(PassageService passages, String courseId, List<JudgedQuery> queries) {
        int cited = 0;
        double reciprocal = 0;
        List<String> missed = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Float> citedTop = new ArrayList<>();
        List<Float> missedTop = new ArrayList<>();
        for (JudgedQuery q : queries) {
            Passages answer = passages.passages(new PassageService.Request(q.query(), courseId, K, PassageService.MAX_CHARS));
            answer.passages().forEach(p -> sizes.add(p.text().length()));
            int rank = 0;
            for (int i = 0; i < answer.passages().size() && rank == 0; i++) {
                rank = q.relevant().contains(answer.passages().get(i).citation().path()) ? i + 1 : 0;
            }
            if (!answer.passages().isEmpty()) {
                (rank > 0 ? citedTop : missedTop).add(answer.passages().get(0).score());
            }
            if (rank > 0) {
                cited++;
                reciprocal += 1.0 / rank;
            } else {
                missed.add(q.query());
            }
        }
        sizes.sort(Integer::compare);
        return new Report(queries.size(), cited, queries.isEmpty() ? 0 : reciprocal / queries.size(), sizes.isEmpty() ? 0 : sizes.get(sizes.size() / 2), List.copyOf(missed),
                List.copyOf(citedTop), List.copyOf(missedTop));
    }
}
