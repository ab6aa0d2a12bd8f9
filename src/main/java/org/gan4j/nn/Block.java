package org.gan4j.nn;

/**
 * A plain sequential part of an assembled network: CoGAN's shared trunk or body and each domain's own
 * layers, SRResNet's residual blocks, a head. Its owner registers it as a sub-module, keeps a Java
 * reference to it (so its layers live as long as the owner) and calls its {@link #forward}.
 */
final class Block extends Network {
    Block(LayerStack layers) {
        super(layers);
    }
}
