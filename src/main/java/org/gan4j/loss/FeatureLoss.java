package org.gan4j.loss;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.nn.Classifier;

/**
 * SRGAN's perceptual content loss with one of gan4j's feature classifiers in place of VGG19:
 * mean over the batch and the {@value Classifier#FEATURES} features of
 * (φ((SR + 1)/2) − φ((HR + 1)/2))², φ the classifier's penultimate activations. The HR side is
 * computed without autograd; the SR side is differentiable ({@link FeatureNetwork#featuresWithGrad}).
 */
final class FeatureLoss implements ContentLoss {
    static final String NAME = "features";

    private final FeatureNetwork network;

    FeatureLoss(FeatureNetwork network) {
        this.network = network;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mean squared error of the dataset's feature classifier's activations (SRGAN's perceptual loss)";
    }

    @Override
    public Tensor loss(Tensor sr, Tensor hr) {
        ContentLoss.checkSameShape(sr, hr);
        long[] shape = sr.sizes().vec().get();
        if (shape.length != 4 || !Classifier.INPUT.equals(SampleShape.image((int) shape[1], (int) shape[2], (int) shape[3]))) {
            throw new BadInputException("content loss 'features' takes " + Classifier.INPUT + " images (its classifier's input), got "
                    + (shape.length == 4 ? shape[1] + "x" + shape[2] + "x" + shape[3] : java.util.Arrays.toString(shape))
                    + " (use the content loss 'pixel')");
        }
        Tensor target;
        try (NoGradGuard guard = new NoGradGuard()) {
            target = network.featuresWithGrad(toUnit(hr.detach()));
        }
        return torch.mse_loss(network.featuresWithGrad(toUnit(sr)), target);
    }

    /** [−1, 1] → [0, 1], the classifier's input range. */
    private static Tensor toUnit(Tensor images) {
        return images.add(new Scalar(1.0)).mul(new Scalar(0.5));
    }

    /** The network whose features are compared. */
    FeatureNetwork network() {
        return network;
    }
}
