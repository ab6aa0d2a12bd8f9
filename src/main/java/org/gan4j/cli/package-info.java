/**
 * The {@code gan4j} command line: a thin picocli layer over the library. One class per
 * subcommand ({@link org.gan4j.cli.TrainCommand}, {@link org.gan4j.cli.SampleCommand},
 * {@link org.gan4j.cli.InfoCommand}), shared flags as mixins ({@link org.gan4j.cli.VerboseOption}),
 * exit codes in {@link org.gan4j.cli.ExitCodes} and the mapping of exceptions to them in
 * {@link org.gan4j.cli.ErrorReporter}. The work itself (training, sampling, datasets) lives in the
 * library packages; a command only turns flags into library calls and results into lines.
 */
package org.gan4j.cli;
