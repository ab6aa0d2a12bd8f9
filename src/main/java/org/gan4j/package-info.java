/**
 * gan4j: generative adversarial networks on the JVM, on libtorch.
 *
 * <p>Packages by concept: {@code engine} (libtorch facade: natives, threads, devices, seeds,
 * memory scopes), {@code data} (datasets and batching), {@code nn} (generator/discriminator
 * networks), {@code loss} (adversarial loss pairs), {@code train} (the training loop, its config,
 * checkpoints), {@code report} (sample grids, plots, metrics files), {@code io} (files written
 * atomically), {@code bench} (the benchmark of ../shared/bench/SPEC.md) and {@code cli} (a thin
 * picocli layer over all of it).
 */
package org.gan4j;
