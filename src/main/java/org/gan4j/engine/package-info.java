/**
 * The libtorch facade: native loading, threads and which pool gets them ({@link org.gan4j.engine.Parallelism}),
 * subnormal flushing, seeding, devices, bulk tensor copies, and the optimisers behind
 * {@link org.gan4j.engine.ParameterOptimizer} (the fused Adam kernel, libtorch's RMSprop). Everything that
 * touches libtorch's process-wide state or one of the traps documented in ../shared/ENGINE-NOTES.md goes
 * through here.
 *
 * <p>Native memory: a tensor is freed when its Java object is deallocated, and the small Java heap
 * means the GC rarely runs, so the trainer opens a {@link org.bytedeco.javacpp.PointerScope} around
 * each step; what must outlive the step (parameters, optimizer state, the fixed noise batch) is
 * created outside it.
 */
package org.gan4j.engine;
