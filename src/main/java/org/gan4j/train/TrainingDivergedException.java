package org.gan4j.train;

/** A loss became NaN or infinite: the run stops, and the last good checkpoint stays as it was. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
