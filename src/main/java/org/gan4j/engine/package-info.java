/**
 * The libtorch facade: native loading, threads, seeding, devices, bulk tensor copies and optimizer
 * factories. Everything that touches libtorch's process-wide state or one of the traps documented in
 * ../shared/ENGINE-NOTES.md goes through here.
 *
 * <p>Native memory: a tensor is freed when its Java object is deallocated, and the small Java heap
 * means the GC rarely runs, so the trainer opens a {@link org.bytedeco.javacpp.PointerScope} around
 * each step; what must outlive the step (parameters, optimizer state, the fixed noise batch) is
 * created outside it.
 */
package org.gan4j.engine;
