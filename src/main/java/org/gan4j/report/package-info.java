/**
 * What a training run shows a person, in plain Java with no libtorch: grids of generated images
 * ({@link org.gan4j.report.SampleGrid}), single images at their own size ({@link org.gan4j.report.ImagePng}) and plots of generated points
 * ({@link org.gan4j.report.PointPlot}), the run's {@code metrics.csv} with one row per logged step, kept consistent across resumes
 * ({@link org.gan4j.report.MetricsLog}, read back as a {@link org.gan4j.report.MetricsTable}), and
 * the picture of its training curves, {@code losses.png} ({@link org.gan4j.report.LossPlot}), the
 * sample grids as one looping GIF ({@link org.gan4j.report.SampleAnimation} through
 * {@link org.gan4j.report.GifWriter}), paths through latent space ({@link org.gan4j.report.LatentWalk})
 * and the panels of the GAN paper's figure 1 ({@link org.gan4j.report.Figure1Chart}), and a run's scalars,
 * pictures and histograms as a TensorBoard event file ({@link org.gan4j.report.TensorBoardWriter}). Pictures draw
 * values, whoever made them: nothing here imports {@code org.gan4j.train}, and the runs that produce
 * the values of an experiment live in {@code org.gan4j.experiments}.
 * Every file is written atomically through {@link org.gan4j.io.AtomicFiles} (but the event file, appended
 * to as a run goes, as TensorFlow's writer does), and all drawing is
 * off-screen, so the package works with {@code java.awt.headless=true}.
 */
package org.gan4j.report;
