/**
 * The Explore view's neighbourhood check, as it crosses the EngineApi boundary: a clicked cell's k nearest
 * neighbours in the input space (the preprocessed matrix the encoder was trained on) and how many of them are
 * also among its k nearest on the map. DOM- and Node-safe (loaded by both tsconfigs).
 */

/** k when the caller does not choose one: the neighbourhood size of the run's trustworthiness metric. */
export const DEFAULT_NEIGHBOURHOOD_K = 15;
/** The largest k accepted (a highlight of more cells says nothing about a neighbourhood). */
export const MAX_NEIGHBOURHOOD_K = 500;

/** The answer of `EngineApi.cellNeighbours`. Indices are dataset rows (the rows of `RunResult.coords`). */
export interface CellNeighbourhood {
  /** The run whose input and map were searched (the last finished run). */
  runId: string;
  /** The cell asked about. */
  cell: number;
  /** Neighbours per space: the k asked for (at most rows − 1). */
  k: number;
  /** The cell's k nearest other cells in the preprocessed input space (euclidean), nearest first. */
  inputNeighbours: Int32Array;
  /** The cell's k nearest other cells on the map (euclidean in the run's 2 or 3 dimensions), nearest first. */
  mapNeighbours: Int32Array;
  /** How many of `inputNeighbours` are also in `mapNeighbours` (0 … k). */
  shared: number;
}
