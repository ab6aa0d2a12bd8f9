package org.gan4j.engine;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** Bulk copies between Java arrays and tensors: one native allocation and one memcpy each way. */
public final class Tensors {
    private Tensors() {
    }

    /** A new CPU float tensor of {@code shape} holding {@code values} (row-major). */
    public static Tensor fromFloats(float[] values, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape holds " + n + " values, array has " + values.length);
        }
        Tensor t = torch.empty(shape);
        try (FloatPointer p = t.data_ptr_float()) {
            p.put(values);
        }
        return t;
    }

    /** A new CPU int64 tensor of the given {@code values} (class labels, indices). */
    public static Tensor fromInts(int[] values) {
        long[] wide = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        Tensor t = torch.empty(new long[] {values.length}, new TensorOptions(torch.ScalarType.Long), new MemoryFormatOptional());
        try (LongPointer p = t.data_ptr_long()) {
            p.put(wide);
        }
        return t;
    }

    /** Copies {@code values} into an existing contiguous CPU float tensor of the same size. */
    public static void copyInto(Tensor target, float[] values) {
        if (target.numel() != values.length) {
            throw new IllegalArgumentException("tensor holds " + target.numel() + " values, array has " + values.length);
        }
        try (FloatPointer p = target.data_ptr_float()) {
            p.put(values);
        }
    }

    /** The values of a float tensor on any device, as a Java array (C order). */
    public static float[] toFloats(Tensor t) {
        Tensor cpu = t.device().is_cuda() ? t.cpu() : t;
        Tensor c = cpu.contiguous();
        float[] out = new float[(int) c.numel()];
        try (FloatPointer p = c.data_ptr_float()) {
            p.get(out);
        }
        return out;
    }

    /** The number of values in all of {@code tensors} (a network's parameter count). */
    public static long elementCount(TensorVector tensors) {
        long n = 0;
        for (long i = 0; i < tensors.size(); i++) {
            n += tensors.get(i).numel();
        }
        return n;
    }

    /** Options such as kernel, stride and padding as one long[]: never {@code LongPointer.put(i, v)} (a trap: it is put(index, value)). */
    public static long[] pair(long v) {
        return new long[] {v, v};
    }
}
