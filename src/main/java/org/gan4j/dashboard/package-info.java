/**
 * The live dashboard: {@link org.gan4j.dashboard.DashboardServer}, a read-only web page of a
 * folder of runs (curves, sample grids, config, progress, warnings), and
 * {@link org.gan4j.dashboard.DashboardListener}, which streams the events of the run being trained
 * to it. Used by {@code gan4j dashboard} and {@code gan4j train --dashboard}.
 */
package org.gan4j.dashboard;
