/**
 * gan4j: generative adversarial networks on the JVM, on libtorch.
 *
 * <p>Packages by concept: {@code engine} (libtorch facade: natives, threads, devices, seeds,
 * memory scopes), {@code data} (datasets and batching), {@code nn} (generator/discriminator
 * networks), {@code loss} (adversarial loss pairs), {@code train} (the training loop, its config,
 * checkpoints), {@code report} (sample grids, plots, metrics files), {@code io} (files written
 * atomically), {@code experiments} (studies that train GANs and report on the runs: figure 1,
 * the toy mode-collapse benchmark), {@code bench} (the benchmark of ../shared/bench/SPEC.md),
 * {@code dashboard} (a read-only web page of a folder of runs, fed live by a run's events) and
 * {@code cli} (a thin picocli layer over all of it). Only {@code experiments}, {@code bench},
 * {@code dashboard} and {@code cli} sit above {@code train}; the library's other packages never
 * import it.
 */
package org.gan4j;
