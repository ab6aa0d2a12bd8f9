package org.gan4j.metrics;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Bulk copies between Java arrays and CPU double / long tensors (the metrics work in double
 * precision; {@link org.gan4j.engine.Tensors} covers float). Callers hold a
 * {@link org.bytedeco.javacpp.PointerScope} open around their use.
 */
final class DoubleTensors {
    private DoubleTensors() {
    }

    /** A new contiguous CPU double tensor of {@code shape} holding {@code values} (row-major). */
    static Tensor fromDoubles(double[] values, long... shape) {
        Tensor t = torch.empty(shape, new TensorOptions(torch.ScalarType.Double), new MemoryFormatOptional());
        if (t.numel() != values.length) {
            throw new IllegalArgumentException("shape holds " + t.numel() + " values, array has " + values.length);
        }
        try (DoublePointer p = t.data_ptr_double()) {
            p.put(values);
        }
        return t;
    }

    /** A new CPU int64 tensor holding {@code values}, e.g. an index for {@code index_select}. */
    static Tensor fromLongs(long[] values) {
        Tensor t = torch.empty(new long[] {values.length}, new TensorOptions(torch.ScalarType.Long),
                new MemoryFormatOptional());
        try (LongPointer p = t.data_ptr_long()) {
            p.put(values);
        }
        return t;
    }

    /** The values of a tensor of any floating or boolean type on any device, as doubles (C order). */
    static double[] toDoubles(Tensor t) {
        Tensor c = t.to(new TensorOptions(torch.ScalarType.Double), false, true, new MemoryFormatOptional())
                .cpu().contiguous();
        double[] out = new double[(int) c.numel()];
        try (DoublePointer p = c.data_ptr_double()) {
            p.get(out);
        }
        return out;
    }
}
