package org.gan4j.nn;

import org.gan4j.data.SampleShape;

/**
 * What a pair of networks is built for.
 *
 * @param shape     the data's sample shape (G's output, D's input)
 * @param latentDim size of z
 * @param width     hidden units of the MLP, or base feature maps of a DCGAN (64 in the paper)
 */
public record NetworkSpec(SampleShape shape, int latentDim, int width) {
}
