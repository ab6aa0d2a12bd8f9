package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** SRResNet's content loss: the mean squared pixel error, mean over every value of the batch. */
final class PixelLoss implements ContentLoss {
    static final String NAME = "pixel";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mean squared pixel error (SRResNet's MSE loss)";
    }

    @Override
    public Tensor loss(Tensor sr, Tensor hr) {
        ContentLoss.checkSameShape(sr, hr);
        return torch.mse_loss(sr, hr.detach());
    }
}
