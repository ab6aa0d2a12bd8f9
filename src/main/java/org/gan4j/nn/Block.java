package org.gan4j.nn;

/**
 * A plain sequential part of an assembled network: the shared trunk or body, or one domain's own
 * layers, of CoGAN's coupled networks. Its owner registers it and calls its {@link #forward}.
 */
final class Block extends Network {
    Block(LayerStack layers) {
        super(layers);
    }
}
