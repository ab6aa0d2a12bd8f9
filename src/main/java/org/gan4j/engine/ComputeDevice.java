package org.gan4j.engine;

import org.bytedeco.pytorch.Device;

/** Where tensors live: {@code cpu} or {@code cuda:N}. Created by {@link Engine#device(String)}. */
public final class ComputeDevice {
    public static final ComputeDevice CPU = new ComputeDevice("cpu");

    private final String spec;
    private Device device;

    ComputeDevice(String spec) {
        this.spec = spec;
    }

    public String spec() {
        return spec;
    }

    public boolean isCuda() {
        return spec.startsWith("cuda");
    }

    /** The libtorch device (created lazily; lives for the process). */
    public synchronized Device torchDevice() {
        if (device == null) {
            Engine.ensureLoaded();
            device = new Device(spec);
            device.retainReference();
        }
        return device;
    }

    @Override
    public String toString() {
        return spec;
    }
}
