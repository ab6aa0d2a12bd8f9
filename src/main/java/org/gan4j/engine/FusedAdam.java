package org.gan4j.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Dispatcher;
import org.bytedeco.pytorch.GenericList;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.OperatorHandle;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorType;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Tuple;
import org.bytedeco.pytorch.Type;
import org.bytedeco.pytorch.global.torch;

/**
 * Adam (Kingma &amp; Ba, 2015) as one fused kernel per step: libtorch's {@code aten::_fused_adam_}, the
 * kernel behind PyTorch's {@code torch.optim.Adam(fused=True)}, reads each parameter, its gradient and
 * both moments once and writes them back in one vectorised, multi-threaded pass, where
 * {@code torch::optim::Adam} runs eight element-wise kernels (and allocates two temporaries) per parameter.
 *
 * <p>The update is torch::optim::Adam's, without weight decay or AMSGrad, ε = 1e-8; the kernel orders its
 * float operations differently, so the two agree to rounding (a few elements a step differ in the last
 * bit), not bit for bit. The archive layout is also libtorch's ({@code state/<key>/step, exp_avg,
 * exp_avg_sq} and {@code param_groups/...} with the options), so checkpoints written by either load into
 * the other: runs saved before gan4j used this class resume, continuing to rounding as they would have.
 * A run saved and resumed with this class continues bit for bit.
 *
 * <p>The operator is not in the presets' generated API (its name starts with an underscore), so it is
 * called through libtorch's dispatcher with a boxed argument stack. Every step count is kept in Java;
 * the kernel reads it from a scalar tensor, as PyTorch's fused path does.
 *
 * <p>Native memory: the moments and the argument lists that never change are retained past any
 * memory scope the constructor runs in, and freed by {@link #close()}.
 */
public final class FusedAdam implements ParameterOptimizer {
    /** torch::optim::AdamOptions' default ε. */
    static final double EPS = 1e-8;

    private final Tensor[] params;
    private final Tensor[] expAvg;
    private final Tensor[] expAvgSq;
    /** Completed updates of each parameter; 0 until its first gradient. */
    private final long[] steps;
    private final double lr;
    private final double beta1;
    private final double beta2;
    /** The tensor lists every full step passes unchanged: parameters, both moments, and no AMSGrad maxima. */
    private final IValue paramList;
    private final IValue expAvgList;
    private final IValue expAvgSqList;
    private final IValue noTensors;
    private final List<Pointer> retained = new ArrayList<>();

    /** Adam over {@code parameters} with learning rate {@code lr} and moment decays (beta1, beta2). */
    public FusedAdam(TensorVector parameters, double lr, double beta1, double beta2) {
        Engine.ensureLoaded();
        int n = Math.toIntExact(parameters.size());
        this.params = new Tensor[n];
        this.expAvg = new Tensor[n];
        this.expAvgSq = new Tensor[n];
        this.steps = new long[n];
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        // In a scope: the handles built on the way (each list element's IValue, the lists' wrappers) hold
        // references to the moments, and unfreed they would keep them alive after close() until a GC.
        try (PointerScope scope = new PointerScope()) {
            for (int i = 0; i < n; i++) {
                params[i] = keep(new Tensor(parameters.get(i)));   // an owned copy: get(i) points into the caller's vector
                expAvg[i] = keep(torch.zeros_like(params[i]));
                expAvgSq[i] = keep(torch.zeros_like(params[i]));
            }
            this.paramList = keep(tensorList(params));
            this.expAvgList = keep(tensorList(expAvg));
            this.expAvgSqList = keep(tensorList(expAvgSq));
            this.noTensors = keep(tensorList(new Tensor[0]));
        }
    }

    @Override
    public void zeroGrad() {
        for (Tensor p : params) {
            p.mutable_grad().reset();   // as libtorch's zero_grad(set_to_none = true): the next backward writes a fresh gradient
        }
    }

    @Override
    public void step() {
        try (PointerScope scope = new PointerScope()) {
            int n = params.length;
            List<Integer> stepped = new ArrayList<>(n);
            Tensor[] grads = new Tensor[n];
            for (int i = 0; i < n; i++) {
                grads[i] = params[i].grad();
                if (grads[i].defined()) {
                    stepped.add(i);
                }
            }
            if (stepped.isEmpty()) {
                return;
            }
            Tensor[] stepTensors = new Tensor[stepped.size()];
            Tensor last = null;
            for (int k = 0; k < stepTensors.length; k++) {
                int i = stepped.get(k);
                steps[i]++;
                // one scalar tensor per distinct count (normally one for all): the kernel reads t from it
                boolean same = k > 0 && steps[i] == steps[stepped.get(k - 1)];
                last = same ? last : torch.full(new long[0], new Scalar((double) steps[i]), params[i].options());
                stepTensors[k] = last;
            }
            boolean all = stepped.size() == n;
            IValue p = all ? paramList : tensorList(select(params, stepped));
            IValue m = all ? expAvgList : tensorList(select(expAvg, stepped));
            IValue v = all ? expAvgSqList : tensorList(select(expAvgSq, stepped));
            IValue g = tensorList(select(grads, stepped));
            Kernel.FUSED_ADAM.callBoxed(new IValueVector(p, g, m, v, noTensors, tensorList(stepTensors),
                    new IValue(lr), new IValue(beta1), new IValue(beta2), new IValue(0.0), new IValue(EPS),
                    new IValue(false), new IValue(false), new IValue(), new IValue()));
        }
    }

    /**
     * torch::optim::Adam's layout: {@code pytorch_version}; {@code state/<key>/{step, exp_avg, exp_avg_sq}}
     * for every parameter updated at least once; {@code param_groups/size} and one group
     * {@code param_groups/0} with {@code params/size}, {@code params/<j>} (the state keys in parameter
     * order) and {@code options} (lr, betas, eps, weight_decay, amsgrad).
     */
    @Override
    public void save(OutputArchive archive) {
        try (PointerScope scope = new PointerScope()) {
            archive.write("pytorch_version", new IValue("1.5.0"));
            OutputArchive state = new OutputArchive();
            OutputArchive group = new OutputArchive();
            group.write("params/size", torch.scalar_tensor(new Scalar((long) params.length)));
            for (int i = 0; i < params.length; i++) {
                String key = Integer.toString(i);
                group.write("params/" + i, new IValue(key));
                if (steps[i] > 0) {
                    OutputArchive s = new OutputArchive();
                    s.write("step", new IValue(steps[i]));
                    s.write("exp_avg", expAvg[i]);
                    s.write("exp_avg_sq", expAvgSq[i]);
                    state.write(key, s);
                }
            }
            OutputArchive options = new OutputArchive();
            options.write("lr", new IValue(lr));
            options.write("betas", new IValue(Tuple.create(new IValue(beta1), new IValue(beta2))));
            options.write("eps", new IValue(EPS));
            options.write("weight_decay", new IValue(0.0));
            options.write("amsgrad", new IValue(false));
            group.write("options", options);
            OutputArchive groups = new OutputArchive();
            groups.write("param_groups/size", torch.scalar_tensor(new Scalar(1L)));
            groups.write("param_groups/0", group);
            archive.write("state", state);
            archive.write("param_groups", groups);
        }
    }

    /**
     * Reads what {@link #save} or torch::optim::Adam wrote: the state keys of the first parameter group, in
     * parameter order, name each parameter's moments and step count; a parameter without state starts afresh.
     * The options stay this optimiser's (a resumed run cannot change them).
     */
    @Override
    public void load(InputArchive archive) {
        try (PointerScope scope = new PointerScope()) {
            InputArchive groups = child(archive, "param_groups");
            InputArchive group = child(groups, "param_groups/0");
            Tensor size = new Tensor();
            group.read("params/size", size);
            if (size.item_long() != params.length) {
                throw new IllegalArgumentException("the saved Adam state is for " + size.item_long()
                        + " parameters, this optimiser has " + params.length);
            }
            InputArchive state = child(archive, "state");
            for (int i = 0; i < params.length; i++) {
                IValue key = new IValue();
                group.read("params/" + i, key);
                InputArchive s = new InputArchive();
                if (!state.try_read(key.toStringRef().getString(), s)) {
                    steps[i] = 0;
                    expAvg[i].zero_();
                    expAvgSq[i].zero_();
                    continue;
                }
                IValue step = new IValue();
                s.read("step", step);
                steps[i] = step.toInt();
                copyInto(expAvg[i], s, "exp_avg", i);
                copyInto(expAvgSq[i], s, "exp_avg_sq", i);
            }
        }
    }

    /** Copies of both moments and the step counts; restoring copies them back into the optimiser's own tensors. */
    @Override
    public State snapshot() {
        Tensor[] m = new Tensor[params.length];
        Tensor[] v = new Tensor[params.length];
        long[] t = steps.clone();
        try (NoGradGuard guard = new NoGradGuard()) {
            for (int i = 0; i < params.length; i++) {
                m[i] = expAvg[i].clone();
                v[i] = expAvgSq[i].clone();
            }
        }
        return new State() {
            @Override
            public void restore() {
                try (NoGradGuard guard = new NoGradGuard()) {
                    for (int i = 0; i < params.length; i++) {
                        expAvg[i].copy_(m[i]);
                        expAvgSq[i].copy_(v[i]);
                    }
                }
                System.arraycopy(t, 0, steps, 0, t.length);
            }

            @Override
            public void close() {
                for (int i = 0; i < params.length; i++) {
                    m[i].close();
                    v[i].close();
                }
            }
        };
    }

    /** Completed updates of parameter {@code i} (for tests and diagnostics). */
    public long steps(int i) {
        return steps[i];
    }

    @Override
    public void close() {
        for (Pointer p : retained) {
            p.releaseReference();
        }
        retained.clear();
    }

    private static void copyInto(Tensor target, InputArchive s, String name, int i) {
        Tensor saved = new Tensor();
        s.read(name, saved);
        long[] want = target.sizes().vec().get();
        long[] got = saved.sizes().vec().get();
        if (!Arrays.equals(want, got)) {
            throw new IllegalArgumentException("the saved Adam " + name + " of parameter " + i + " has shape "
                    + Arrays.toString(got) + ", the parameter " + Arrays.toString(want));
        }
        target.copy_(saved);
    }

    private static InputArchive child(InputArchive parent, String key) {
        InputArchive c = new InputArchive();
        parent.read(key, c);
        return c;
    }

    private static Tensor[] select(Tensor[] all, List<Integer> which) {
        Tensor[] out = new Tensor[which.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = all[which.get(k)];
        }
        return out;
    }

    /** A boxed {@code Tensor[]} argument. */
    private static IValue tensorList(Tensor[] tensors) {
        GenericList list = new GenericList(new Type.TypePtr(TensorType.get()));
        for (Tensor t : tensors) {
            list.push_back(new IValue(t));
        }
        return new IValue(list);
    }

    private <P extends Pointer> P keep(P p) {
        p.retainReference();
        retained.add(p);
        return p;
    }

    /** The operator, looked up once libtorch is loaded; retained, since the lookup may run inside a step's memory scope. */
    private static final class Kernel {
        static final OperatorHandle FUSED_ADAM = Dispatcher.singleton().findSchemaOrThrow("aten::_fused_adam_", "")
                .retainReference();
    }
}
