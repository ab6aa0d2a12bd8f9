/**
 * Experiments: studies that train GANs end to end through {@link org.gan4j.train.Trainer} and then
 * measure and draw what the runs did, each a class with an {@code Options} record, a
 * {@code run(options, progress)} entry point and an immutable {@code Result}.
 *
 * <ul>
 *   <li>{@link org.gan4j.experiments.Figure1} — figure 1 of Goodfellow et al. (2014) from a real run
 *       on {@code gauss1d}: p_data, p_g and D(x) at evenly spaced steps (drawn by
 *       {@link org.gan4j.report.Figure1Chart});</li>
 *   <li>{@link org.gan4j.experiments.ToyBenchmark} — the mode-collapse benchmark of VEEGAN and
 *       PacGAN on {@code ring8} and {@code grid25}, one run per seed, scored with
 *       {@link org.gan4j.metrics.ModeCoverage}.</li>
 * </ul>
 *
 * <p><b>What belongs here.</b> Code that needs a trainer to produce its numbers. The layers below
 * ({@code engine}, {@code data}, {@code nn}, {@code loss}, {@code metrics}, {@code features},
 * {@code eval}, {@code io}, {@code report}) never import {@code org.gan4j.train}, this package or
 * {@code org.gan4j.cli}: a metric scores samples and a picture draws values, whoever made them. So an
 * experiment splits into its run (here) and its measures and pictures (there), as Figure1 does with
 * Figure1Chart. The command line ({@code gan4j figure1}, {@code gan4j toybench}) sits on top and only
 * parses options and prints results. {@code LayeringTest} checks the rule.
 */
package org.gan4j.experiments;
