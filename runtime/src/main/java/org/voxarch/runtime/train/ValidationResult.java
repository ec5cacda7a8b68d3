package org.voxarch.runtime.train;

import java.util.Arrays;

/**
 * The online validation of one epoch.
 *
 * @param loss     mean deep-supervision loss over the validation batches
 * @param dice     global foreground Dice ({@link OnlineDice}); NaN if undefined
 * @param perClass Dice per class, background included (NaN where undefined); empty without validation
 */
public record ValidationResult(double loss, double dice, double[] perClass) {

    /** No validation (no validation cases or batches). */
    public static final ValidationResult NONE = new ValidationResult(Double.NaN, Double.NaN, new double[0]);

    /** Copies the per-class values. */
    public ValidationResult {
        perClass = perClass.clone();
    }

    /** @return Dice per class (a copy) */
    @Override
    public double[] perClass() {
        return perClass.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidationResult r && Double.compare(loss, r.loss) == 0 && Double.compare(dice, r.dice) == 0
                && Arrays.equals(perClass, r.perClass);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(loss) * 31 + Double.hashCode(dice);
    }

    @Override
    public String toString() {
        return "ValidationResult[loss " + loss + ", Dice " + dice + ", per class " + Arrays.toString(perClass)
                + "]";
    }
}
