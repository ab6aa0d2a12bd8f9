package org.gan4j.metrics;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.engine.Engine;

/**
 * The Fréchet distance between two feature sets, each summarised as a Gaussian: FID when the
 * features are Inception's (Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge
 * to a Local Nash Equilibrium", NeurIPS 2017); in gan4j the features come from its own networks.
 *
 * <pre>
 *   FD = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)
 * </pre>
 *
 * <p>How the trace of the matrix square root is computed, all in double precision: {@code Σ₁^½}
 * comes from a symmetric eigendecomposition of {@code Σ₁} with eigenvalues clamped at 0 (a
 * covariance from fewer samples than dimensions is singular, and rounding makes some of its
 * eigenvalues slightly negative); {@code M = Σ₁^½ Σ₂ Σ₁^½} is symmetric positive semi-definite, so
 * {@code Tr M^½} is the sum of the square roots of its eigenvalues, again clamped at 0. This avoids
 * the non-symmetric {@code sqrtm(Σ₁ Σ₂)} of the reference code, whose complex round-off needs
 * ad-hoc fixes. {@code Tr (Σ₁^½ Σ₂ Σ₁^½)^½ = Tr (Σ₁ Σ₂)^½}, so the value is the same.
 *
 * <p>The result is clamped at 0: rounding can give about −1e−12 for identical statistics. FD is
 * biased upwards for small {@code n}; compare values only at the same sample count.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** FD between the statistics of two feature sets. */
    public static double between(Features a, Features b) {
        return between(FeatureStatistics.of(a), FeatureStatistics.of(b));
    }

    /** FD between two sets of statistics of the same dimension (e.g. cached real statistics and a generator's). */
    public static double between(FeatureStatistics a, FeatureStatistics b) {
        if (a.d() != b.d()) {
            throw new IllegalArgumentException("feature dimensions differ: " + a.d() + " vs " + b.d());
        }
        int d = a.d();
        double meanTerm = 0;
        double[] m1 = a.rawMean();
        double[] m2 = b.rawMean();
        for (int i = 0; i < d; i++) {
            meanTerm += (m1[i] - m2[i]) * (m1[i] - m2[i]);
        }
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            Tensor s1 = DoubleTensors.fromDoubles(a.rawCovariance(), d, d);
            Tensor s2 = DoubleTensors.fromDoubles(b.rawCovariance(), d, d);
            Tensor root1 = psdSqrt(s1);
            Tensor m = root1.matmul(s2).matmul(root1);
            m = m.add(m.t()).mul(new Scalar(0.5)); // symmetric up to rounding; make it exactly so
            double traceSqrt = torch.linalg_eigvalsh(m).clamp_min(new Scalar(0.0)).sqrt().sum().item_double();
            double traces = s1.diagonal().sum().item_double() + s2.diagonal().sum().item_double();
            return Math.max(0.0, meanTerm + traces - 2.0 * traceSqrt);
        }
    }

    /** The symmetric square root {@code V diag(√max(λ, 0)) Vᵀ} of a symmetric PSD matrix. */
    static Tensor psdSqrt(Tensor s) {
        Tensor sym = s.add(s.t()).mul(new Scalar(0.5));
        T_TensorTensor_T eig = torch.linalg_eigh(sym);
        Tensor roots = eig.get0().clamp_min(new Scalar(0.0)).sqrt();
        Tensor v = eig.get1();
        return v.mul(roots.unsqueeze(0)).matmul(v.t());
    }
}
