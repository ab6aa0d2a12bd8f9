/**
 * The benchmarks of {@code ../shared/bench/SPEC.md} (B1 MLP GAN, B2 DCGAN-28, B3 generation) plus
 * B4, DCGAN-28 end to end on Fashion-MNIST, run through the production training path: the same
 * {@link org.gan4j.train.Trainer}, networks and step as {@code gan4j train}, with the per-step work
 * a user gets by default (metrics row per step, flushed every 50). A per-step listener timestamps
 * every iteration; {@link org.gan4j.bench.FlopCounter} turns times into achieved GFLOP/s, and a
 * large matrix product through the same engine on the same cores gives the machine's reachable peak.
 * Each result formats itself as one machine-readable {@code key=value} line.
 */
package org.gan4j.bench;
