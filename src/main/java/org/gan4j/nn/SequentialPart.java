package org.gan4j.nn;

/**
 * A plain sequential piece of an assembled network (a residual block, a head): the parent registers
 * it as a sub-module and keeps a Java reference to it, so its layers live as long as the parent.
 */
final class SequentialPart extends Network {
    SequentialPart(LayerStack layers) {
        super(layers);
    }
}
