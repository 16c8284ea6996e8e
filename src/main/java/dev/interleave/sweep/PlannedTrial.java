package dev.interleave.sweep;

/**
 * One trial of a sweep's plan. Immutable; any thread.
 *
 * @param order its place in the run order, 0-based
 * @param cell  the cell it measures
 * @param trial which repetition of the cell, 0-based; a cell's trials run in this order
 */
public record PlannedTrial(int order, Cell cell, int trial) {
}
