package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.BatchNorm1dImpl;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.DropoutImpl;
import org.bytedeco.pytorch.FlattenImpl;
import org.bytedeco.pytorch.GroupNormImpl;
import org.bytedeco.pytorch.LeakyReLUImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.MaxPool2dImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.PReLUImpl;
import org.bytedeco.pytorch.PixelShuffleImpl;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.SequentialImpl;
import org.bytedeco.pytorch.SigmoidImpl;
import org.bytedeco.pytorch.TanhImpl;
import org.bytedeco.pytorch.UnflattenImpl;

/**
 * Layers run as one libtorch {@code Sequential}, with a Java reference kept to each of them.
 * The reference matters: JavaCPP frees a native module when its Java wrapper is collected, and the
 * Sequential does not keep it alive, so a layer known only to native code is freed by the next GC
 * (seen as a crash in {@code Module::train}; {@code NetworkLifetimeTest} guards it).
 * One {@code add} per layer type because {@code push_back} is overloaded per type.
 */
final class LayerStack {
    private final SequentialImpl sequential = new SequentialImpl();
    private final List<Module> layers = new ArrayList<>();

    SequentialImpl sequential() {
        return sequential;
    }

    List<Module> layers() {
        return List.copyOf(layers);
    }

    private LayerStack keep(Module m) {
        layers.add(m);
        return this;
    }

    LayerStack add(LinearImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(Conv2dImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(ConvTranspose2dImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(BatchNorm1dImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(BatchNorm2dImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(GroupNormImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(ReLUImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(LeakyReLUImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(TanhImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(SigmoidImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(FlattenImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(MaxPool2dImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(DropoutImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(UnflattenImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(PReLUImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    LayerStack add(PixelShuffleImpl m) {
        sequential.push_back(m);
        return keep(m);
    }

    /** Appends a layer of any type above (dispatching to its overload), e.g. when re-cutting a stack into parts. */
    LayerStack addAny(Module m) {
        if (m instanceof LinearImpl x) {
            return add(x);
        } else if (m instanceof Conv2dImpl x) {
            return add(x);
        } else if (m instanceof ConvTranspose2dImpl x) {
            return add(x);
        } else if (m instanceof BatchNorm1dImpl x) {
            return add(x);
        } else if (m instanceof BatchNorm2dImpl x) {
            return add(x);
        } else if (m instanceof ReLUImpl x) {
            return add(x);
        } else if (m instanceof LeakyReLUImpl x) {
            return add(x);
        } else if (m instanceof TanhImpl x) {
            return add(x);
        } else if (m instanceof SigmoidImpl x) {
            return add(x);
        } else if (m instanceof FlattenImpl x) {
            return add(x);
        } else if (m instanceof UnflattenImpl x) {
            return add(x);
        } else if (m instanceof PReLUImpl x) {
            return add(x);
        } else if (m instanceof PixelShuffleImpl x) {
            return add(x);
        }
        throw new IllegalArgumentException("no LayerStack overload for " + m.getClass().getSimpleName());
    }

    boolean isEmpty() {
        return layers.isEmpty();
    }
}
