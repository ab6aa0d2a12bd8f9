package org.gan4j.train;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.gan4j.engine.ParameterOptimizer;
import org.gan4j.nn.Network;

/**
 * One player of a game: a network, its own parameters and its optimiser (which may also step
 * parameters a game shares with it, e.g. InfoGAN's Q head with G). A checkpoint keeps the network
 * and the optimiser's state under the player's name.
 *
 * @param name      {@code generator}, {@code discriminator}, or a game's own names
 * @param network   the module (shared sub-modules are part of one player's module)
 * @param parameters the network's own parameters, whose gradient norm a step logs
 * @param stepped   what the optimiser steps: {@code parameters}, or a list with shared ones added
 * @param optimizer the optimiser, owned by the player
 */
public record Player(String name, Network network, TensorVector parameters, TensorVector stepped, ParameterOptimizer optimizer)
        implements AutoCloseable {
    /** A player whose optimiser (the config's kind, betas) steps its network's parameters and {@code alsoStepped}. */
    static Player of(String name, Network network, TensorVector alsoStepped, org.gan4j.config.OptimiserKeys o, double learningRate) {
        TensorVector own = network.parameters();
        TensorVector stepped = own;
        if (alsoStepped != null && alsoStepped.size() > 0) {
            stepped = new TensorVector(own.get());
            for (Tensor p : alsoStepped.get()) {
                stepped.push_back(p);
            }
        }
        return new Player(name, network, own, stepped,
                org.gan4j.engine.Optimizers.create(o.optimizer(), stepped, learningRate, o.beta1(), o.beta2()));
    }

    /** Sets requires_grad of the network's own parameters: off spares their weight-gradient kernels in the other player's step. */
    public void requiresGrad(boolean on) {
        TensorVector params = network.parameters();
        for (long i = 0; i < params.size(); i++) {
            params.get(i).requires_grad_(on);
        }
    }

    /**
     * Back-propagates this player's loss and returns its value and the gradient norm of the player's
     * parameters, before its optimiser steps: a NaN or infinite loss stops the run first, so it cannot
     * spread into the weights.
     */
    public Backward backward(Tensor loss) {
        optimizer.zeroGrad();
        loss.backward();
        double norm = AdversarialGame.gradientNorm(parameters);
        double value = loss.item_double();
        if (!Double.isFinite(value)) {
            throw new NonFiniteLoss(name, value);
        }
        return new Backward(value, norm);
    }

    /** What a backward pass measured: the loss and the L2 norm of the player's gradients. */
    public record Backward(double loss, double gradientNorm) {
    }

    /** A player's loss became NaN or infinite; the trainer reports it with the run's context. */
    static final class NonFiniteLoss extends RuntimeException {
        final String player;
        final double value;

        NonFiniteLoss(String player, double value) {
            super("the " + player + " loss is " + value, null, false, false);
            this.player = player;
            this.value = value;
        }
    }

    /** Frees the optimiser and the parameter list; the network is the game's to release. */
    @Override
    public void close() {
        optimizer.close();
        if (stepped != parameters) {
            stepped.close();
        }
        parameters.close();
    }
}
