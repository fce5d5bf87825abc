export interface CheckFinding {
  /** 1-based line number in the file, or 0 for the file as a whole. */
  line: number;
  code: string;
  message: string;
}

/** What a trainer's `check` says about a training file before anything is uploaded or started. */
export interface CheckReport {
  ok: boolean;
  format: string;
  samples: number;
  errors: CheckFinding[];
  warnings: CheckFinding[];
  stats: Record<string, number>;
}
