/**
 * Training: the typed {@link org.gan4j.train.TrainConfig} (one key per command-line flag, paper
 * defaults per model), the {@link org.gan4j.train.Trainer} that runs Algorithm 1 of Goodfellow et
 * al. (2014), {@link org.gan4j.train.Checkpoint}s written atomically, the
 * {@link org.gan4j.train.RunDirectory} layout, and the {@link org.gan4j.train.Provenance} every run
 * and result carries. A finished run is reopened from its directory alone: a noise-to-image generator
 * as a {@link org.gan4j.train.TrainedGenerator}; a super-resolution run's SRGAN and SRResNet as a
 * {@link org.gan4j.train.TrainedUpscaler}, which {@link org.gan4j.train.UpscaleFiles} applies to image
 * files, folders and IDX files and {@link org.gan4j.train.SuperResolutionEvaluation} measures (PSNR,
 * SSIM, FID against bicubic).
 *
 * <p>A run's work besides the game is done by {@link org.gan4j.train.RunListener}s of its
 * {@link org.gan4j.train.RunEvent}s: metrics.csv, sample pictures, checkpoints, evaluation during
 * training, diagnostics and, with {@code --tensorboard}, a TensorBoard event file.
 *
 * <p>Runs resume exactly: libtorch is reseeded from (seed, step) before each iteration and the data
 * order is a function of (seed, epoch), so networks, optimiser states and the step are the whole
 * state of a run.
 */
package org.gan4j.train;

import org.gan4j.config.TrainConfig;
