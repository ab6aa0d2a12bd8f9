/**
 * File helpers shared by the packages that write run outputs: atomic writes (temp file + rename),
 * and {@link org.gan4j.io.UnwritableOutputException}, the one-line user error for an output that
 * cannot be written.
 */
package org.gan4j.io;
