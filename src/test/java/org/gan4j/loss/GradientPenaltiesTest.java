package org.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.pytorch.DoubleArrayRef;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.NetworkSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The input-gradient penalties against central finite differences of a tiny MLP discriminator in
 * double precision: the penalty's value (‖∇D‖ per sample) and its derivative along a direction in
 * D's weights (which only exists if the input gradient was built with create_graph).
 */
class GradientPenaltiesTest {
    private static final double H = 1e-5;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** A 2 → 8 → 1 MLP discriminator (LeakyReLU/ReLU pieces are linear near generic points) in double. */
    private static Discriminator tinyD() {
        Engine.seed(11);
        Discriminator d = Architectures.get("mlp").discriminator(new NetworkSpec(SampleShape.vector(2), 4, 8));
        d.to(torch.ScalarType.Double, false);
        return d;
    }

    /**
     * A 1-D double tensor holding a copy of {@code values}. The native copy of the array must outlive
     * the call (an ArrayRef built from a Java array points at a temporary freed when its constructor returns).
     */
    private static Tensor doubles(double... values) {
        try (DoublePointer copy = new DoublePointer(values)) {
            return torch.tensor(new DoubleArrayRef(copy, values.length)).clone();
        }
    }

    private static Tensor points(double[][] rows) {
        double[] flat = new double[rows.length * 2];
        for (int i = 0; i < rows.length; i++) {
            flat[2 * i] = rows[i][0];
            flat[2 * i + 1] = rows[i][1];
        }
        return doubles(flat).reshape(rows.length, 2);
    }

    private static double output(Discriminator d, double x, double y) {
        try (NoGradGuard guard = new NoGradGuard()) {
            return d.forward(doubles(x, y).reshape(1, 2)).item_double();
        }
    }

    /** ‖∇_x D(x)‖² at one point by central differences. */
    private static double squaredGradientNorm(Discriminator d, double x, double y) {
        double gx = (output(d, x + H, y) - output(d, x - H, y)) / (2 * H);
        double gy = (output(d, x, y + H) - output(d, x, y - H)) / (2 * H);
        return gx * gx + gy * gy;
    }

    private static final double[][] REAL = {{0.3, -0.7}, {1.1, 0.4}, {-0.5, 0.9}};
    private static final double[][] FAKE = {{-0.2, 0.1}, {0.6, -1.3}, {0.8, 0.25}};
    private static final double[] EPS = {0.25, 0.5, 0.9};

    @Test
    void r1IsHalfGammaTimesTheMeanSquaredInputGradient() {
        try (PointerScope scope = new PointerScope()) {
            Discriminator d = tinyD();
            double expected = 0;
            for (double[] p : REAL) {
                expected += squaredGradientNorm(d, p[0], p[1]);
            }
            expected = 3.0 / 2 * expected / REAL.length;                      // γ = 3
            double actual = GradientPenalties.r1(d, points(REAL), 3.0).item_double();
            assertEquals(expected, actual, 1e-6 * Math.max(1, expected));
            assertTrue(expected > 1e-4, "a trivial D would not test anything: " + expected);
        }
    }

    @Test
    void wganGpPenalisesTheDistanceOfTheGradientNormFromOneOnInterpolates() {
        try (PointerScope scope = new PointerScope()) {
            Discriminator d = tinyD();
            double expected = 0;
            for (int i = 0; i < REAL.length; i++) {
                double e = EPS[i];
                double x = e * REAL[i][0] + (1 - e) * FAKE[i][0];
                double y = e * REAL[i][1] + (1 - e) * FAKE[i][1];
                double norm = Math.sqrt(squaredGradientNorm(d, x, y));
                expected += (norm - 1) * (norm - 1);
            }
            expected = 10 * expected / REAL.length;
            Tensor eps = doubles(EPS).reshape(3, 1);
            double actual = GradientPenalties.interpolated(d, points(REAL), points(FAKE), eps, 10.0).item_double();
            assertEquals(expected, actual, 1e-6 * Math.max(1, expected));
        }
    }

    @Test
    void penaltiesAreDifferentiableInTheDiscriminatorsWeights() {
        try (PointerScope scope = new PointerScope()) {
            Discriminator d = tinyD();
            Tensor real = points(REAL);
            Tensor w = d.parameters().get(0);                                  // first layer's weight, 8 × 2
            Engine.seed(5);
            Tensor direction = torch.randn(w.size(0), w.size(1)).to(torch.ScalarType.Double);

            Tensor penalty = GradientPenalties.r1(d, real, 2.0);
            d.zero_grad(true);
            penalty.backward();
            double analytic = w.grad().mul(direction).sum().item_double();   // ⟨∂P/∂w, v⟩

            double plus = shifted(d, w, direction, H, real);
            double minus = shifted(d, w, direction, -H, real);
            double numeric = (plus - minus) / (2 * H);
            assertEquals(numeric, analytic, 1e-5 * Math.max(1, Math.abs(numeric)));
            assertTrue(Math.abs(analytic) > 1e-4, "the weights' gradient must not vanish: " + analytic);
        }
    }

    private static double shifted(Discriminator d, Tensor w, Tensor direction, double h, Tensor real) {
        try (NoGradGuard guard = new NoGradGuard()) {
            w.add_(direction.mul(new org.bytedeco.pytorch.Scalar(h)));
        }
        double value = GradientPenalties.r1(d, real, 2.0).item_double();
        try (NoGradGuard guard = new NoGradGuard()) {
            w.sub_(direction.mul(new org.bytedeco.pytorch.Scalar(h)));
        }
        return value;
    }
}
