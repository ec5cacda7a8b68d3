package org.voxarch.runtime.metrics;

import java.util.List;

/**
 * The scores of every evaluated region in one case, in the configuration's region order.
 *
 * @param caseId the case
 * @param scores one per region
 */
public record CaseEvaluation(String caseId, List<RegionScore> scores) {

    public CaseEvaluation {
        scores = List.copyOf(scores);
    }
}
