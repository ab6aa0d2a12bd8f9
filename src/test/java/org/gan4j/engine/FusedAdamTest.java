package org.gan4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusedAdamTest {
    private static final double LR = 1e-2;
    private static final double B1 = 0.5;
    private static final double B2 = 0.999;
    /** Float rounding: the fused kernel orders its operations differently from libtorch's Adam (values are O(1)). */
    private static final float ROUNDING = 1e-6f;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** Two parameters of different shapes, seeded, requiring gradients. */
    private static TensorVector parameters(long seed) {
        Engine.seed(seed);
        return new TensorVector(torch.randn(7, 5).set_requires_grad(true), torch.randn(5).set_requires_grad(true));
    }

    /** Gradients that differ from step to step: a loss whose gradient depends on the parameter and the step. */
    private static void backward(TensorVector params, int step) {
        Tensor loss = params.get(0).pow(new Scalar(3.0)).sum().mul(new Scalar(0.1 * (step + 1)))
                .add(params.get(1).sin().sum());
        loss.backward();
    }

    private static void run(ParameterOptimizer opt, TensorVector params, int from, int to) {
        for (int step = from; step < to; step++) {
            opt.zeroGrad();
            backward(params, step);
            opt.step();
        }
    }

    private static float[] values(TensorVector params) {
        return Tensors.toFloats(torch.cat(new TensorVector(params.get(0).detach().flatten(), params.get(1).detach())));
    }

    @Test
    void stepsAsLibtorchsAdamToRounding() {
        try (PointerScope scope = new PointerScope()) {
            TensorVector fused = parameters(5);
            TensorVector reference = parameters(5);
            try (FusedAdam adam = new FusedAdam(fused, LR, B1, B2)) {
                run(adam, fused, 0, 6);
            }
            run(new TorchOptimizer(Optimizers.adam(reference, LR, B1, B2)), reference, 0, 6);
            float[] start = values(parameters(5));
            float[] got = values(fused);
            assertFalse(java.util.Arrays.equals(start, got), "six steps must move the parameters");
            assertArrayEquals(values(reference), got, ROUNDING);
        }
    }

    /** Two steps on loss = w² from w = 1, against the update computed by hand (as OptimizersTest does for libtorch's). */
    @Test
    void followsTheAdamUpdateByHand() {
        double m = 0, v = 0, w = 1;
        for (int t = 1; t <= 2; t++) {
            double g = 2 * w;
            m = B1 * m + (1 - B1) * g;
            v = B2 * v + (1 - B2) * g * g;
            w -= 0.1 * (m / (1 - Math.pow(B1, t))) / (Math.sqrt(v / (1 - Math.pow(B2, t))) + FusedAdam.EPS);
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor p = Tensors.fromFloats(new float[] {1f}, 1).set_requires_grad(true);
            try (FusedAdam adam = new FusedAdam(new TensorVector(p), 0.1, B1, B2)) {
                for (int t = 0; t < 2; t++) {
                    adam.zeroGrad();
                    p.mul(p).sum().backward();
                    adam.step();
                }
                assertEquals(2, adam.steps(0));
            }
            assertEquals(w, p.item_float(), 1e-6);
        }
    }

    @Test
    void aParameterWithoutAGradientIsLeftAlone() {
        try (PointerScope scope = new PointerScope()) {
            TensorVector params = parameters(6);
            float[] frozen = Tensors.toFloats(params.get(1).detach().clone());
            try (FusedAdam adam = new FusedAdam(params, LR, B1, B2)) {
                for (int step = 0; step < 3; step++) {
                    adam.zeroGrad();
                    params.get(0).pow(new Scalar(2.0)).sum().backward();   // no gradient reaches params[1]
                    adam.step();
                }
                assertEquals(3, adam.steps(0));
                assertEquals(0, adam.steps(1));
            }
            assertArrayEquals(frozen, Tensors.toFloats(params.get(1).detach()), 0f);
        }
    }

    @Test
    void aSavedStateContinuesAsIfNeverInterrupted() {
        try (PointerScope scope = new PointerScope()) {
            TensorVector straight = parameters(7);
            try (FusedAdam adam = new FusedAdam(straight, LR, B1, B2)) {
                run(adam, straight, 0, 8);
            }
            TensorVector first = parameters(7);
            Path file = tmp.resolve("adam.pt");
            try (FusedAdam adam = new FusedAdam(first, LR, B1, B2)) {
                run(adam, first, 0, 3);
                save(adam, file);
            }
            TensorVector resumed = parameters(7);
            copy(first, resumed);
            try (FusedAdam adam = new FusedAdam(resumed, LR, B1, B2)) {
                adam.load(open(file));
                assertEquals(3, adam.steps(0));
                run(adam, resumed, 3, 8);
            }
            assertArrayEquals(values(straight), values(resumed), 0f);
        }
    }

    /**
     * Unrolled GAN's look-ahead: steps taken after a snapshot and undone by restoring it (and the weights) leave
     * the optimiser as if they never happened; the run then continues bit for bit as a straight one.
     */
    @Test
    void aRestoredSnapshotUndoesLookAheadSteps() {
        try (PointerScope scope = new PointerScope()) {
            TensorVector straight = parameters(9);
            try (FusedAdam adam = new FusedAdam(straight, LR, B1, B2)) {
                run(adam, straight, 0, 8);
            }
            TensorVector undone = parameters(9);
            try (FusedAdam adam = new FusedAdam(undone, LR, B1, B2)) {
                run(adam, undone, 0, 3);
                TensorVector saved = parameters(0);
                copy(undone, saved);
                try (ParameterOptimizer.State state = adam.snapshot()) {
                    run(adam, undone, 10, 14);               // other gradients: the look-ahead steps
                    assertEquals(7, adam.steps(0));
                    state.restore();
                }
                assertEquals(3, adam.steps(0));
                copy(saved, undone);
                run(adam, undone, 3, 8);
            }
            assertArrayEquals(values(straight), values(undone), 0f);
        }
    }

    /** The same for a libtorch optimiser (RMSprop), whose snapshot is its serialised state: unrolling works with it too. */
    @Test
    void aRestoredRmspropSnapshotUndoesLookAheadSteps() {
        try (PointerScope scope = new PointerScope()) {
            TensorVector straight = parameters(9);
            try (TorchOptimizer rmsprop = new TorchOptimizer(Optimizers.rmsprop(straight, LR))) {
                run(rmsprop, straight, 0, 8);
            }
            TensorVector undone = parameters(9);
            try (TorchOptimizer rmsprop = new TorchOptimizer(Optimizers.rmsprop(undone, LR))) {
                run(rmsprop, undone, 0, 3);
                TensorVector saved = parameters(0);
                copy(undone, saved);
                try (ParameterOptimizer.State state = rmsprop.snapshot()) {
                    run(rmsprop, undone, 10, 14);               // other gradients: the look-ahead steps
                    state.restore();
                }
                copy(saved, undone);
                run(rmsprop, undone, 3, 8);
            }
            assertArrayEquals(values(straight), values(undone), 0f);
            // without the restore the square averages of the look-ahead steps would stay: the result differs
            TensorVector kept = parameters(9);
            try (TorchOptimizer rmsprop = new TorchOptimizer(Optimizers.rmsprop(kept, LR))) {
                run(rmsprop, kept, 0, 3);
                TensorVector saved = parameters(0);
                copy(kept, saved);
                run(rmsprop, kept, 10, 14);
                copy(saved, kept);
                run(rmsprop, kept, 3, 8);
            }
            assertFalse(java.util.Arrays.equals(values(straight), values(kept)));
        }
    }

    /** Checkpoints written before gan4j used FusedAdam hold libtorch's Adam state: they must resume exactly. */
    @Test
    void libtorchsAdamStateLoadsAndContinuesTheSame() {
        try (PointerScope scope = new PointerScope()) {
            TensorVector reference = parameters(8);
            Adam libtorch = Optimizers.adam(reference, LR, B1, B2);
            run(new TorchOptimizer(libtorch), reference, 0, 4);
            Path file = tmp.resolve("libtorch.pt");
            save(new TorchOptimizer(libtorch), file);

            TensorVector resumed = parameters(8);
            copy(reference, resumed);
            try (FusedAdam adam = new FusedAdam(resumed, LR, B1, B2)) {
                adam.load(open(file));
                assertEquals(4, adam.steps(1));
                run(adam, resumed, 4, 7);
            }
            run(new TorchOptimizer(libtorch), reference, 4, 7);
            assertArrayEquals(values(reference), values(resumed), ROUNDING);
        }
    }

    /** The layout is libtorch's: its own Adam reads what FusedAdam writes. */
    @Test
    void libtorchsAdamReadsTheSavedState() {
        try (PointerScope scope = new PointerScope()) {
            TensorVector fused = parameters(9);
            Path file = tmp.resolve("fused.pt");
            try (FusedAdam adam = new FusedAdam(fused, LR, B1, B2)) {
                run(adam, fused, 0, 4);
                save(adam, file);
                TensorVector other = parameters(9);
                copy(fused, other);
                Adam libtorch = Optimizers.adam(other, LR, B1, B2);
                libtorch.load(open(file));
                run(adam, fused, 4, 6);
                run(new TorchOptimizer(libtorch), other, 4, 6);
                assertArrayEquals(values(fused), values(other), ROUNDING);
            }
        }
    }

    /** A TensorVector's get(i) points into the vector: the optimiser must hold its own references, so the vector may go. */
    @Test
    void outlivesTheVectorItWasBuiltFrom() throws InterruptedException {
        TensorVector reference = parameters(11);
        TensorVector kept = parameters(11);
        FusedAdam adam = new FusedAdam(new TensorVector(kept.get(0), kept.get(1)), LR, B1, B2);   // vector unreachable at once
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(30);   // JavaCPP frees collected pointers on its own thread
        }
        try (adam) {
            run(adam, kept, 0, 3);
        }
        run(new TorchOptimizer(Optimizers.adam(reference, LR, B1, B2)), reference, 0, 3);
        assertArrayEquals(values(reference), values(kept), ROUNDING);
    }

    @Test
    void aStateForOtherParametersIsRefused() {
        try (PointerScope scope = new PointerScope()) {
            TensorVector params = parameters(10);
            Path file = tmp.resolve("two.pt");
            try (FusedAdam adam = new FusedAdam(params, LR, B1, B2)) {
                run(adam, params, 0, 1);
                save(adam, file);
            }
            try (FusedAdam one = new FusedAdam(new TensorVector(params.get(0)), LR, B1, B2)) {
                var e = assertThrows(IllegalArgumentException.class, () -> one.load(open(file)));
                assertTrue(e.getMessage().contains("2 parameters"), e.getMessage());
            }
            TensorVector swapped = new TensorVector(params.get(1), params.get(0));
            try (FusedAdam wrong = new FusedAdam(swapped, LR, B1, B2)) {
                var e = assertThrows(IllegalArgumentException.class, () -> wrong.load(open(file)));
                assertTrue(e.getMessage().contains("shape"), e.getMessage());
            }
        }
    }

    private static void save(ParameterOptimizer opt, Path file) {
        OutputArchive archive = new OutputArchive();
        opt.save(archive);
        archive.save_to(file.toString());
    }

    private static InputArchive open(Path file) {
        InputArchive archive = new InputArchive();
        archive.load_from(file.toString());
        return archive;
    }

    private static void copy(TensorVector from, TensorVector to) {
        try (org.bytedeco.pytorch.NoGradGuard guard = new org.bytedeco.pytorch.NoGradGuard()) {
            for (long i = 0; i < from.size(); i++) {
                to.get(i).copy_(from.get(i));
            }
        }
    }
}
