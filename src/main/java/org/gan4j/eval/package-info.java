/**
 * Evaluating generators: samples from a run or from any tool ({@link org.gan4j.eval.EvalImages}:
 * IDX files or PNG folders), the real side of each metric cached on disk
 * ({@link org.gan4j.eval.ReferenceCache}, keyed by dataset split and digest, sample count and
 * feature-network digest), and every metric of {@code org.gan4j.metrics} computed in one pass
 * ({@link org.gan4j.eval.Evaluation}, {@link org.gan4j.eval.EvalReport}). Used by {@code gan4j eval}
 * and by training's {@code --eval-every}.
 */
package org.gan4j.eval;
