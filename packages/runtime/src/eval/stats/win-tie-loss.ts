export interface WinTieLoss {
  /** Items where the candidate scored higher than the reference. */
  wins: number;
  ties: number;
  losses: number;
}

/** Counts, item by item, whether the candidate beat, tied or lost to the reference. */
export function winTieLoss(candidate: readonly number[], reference: readonly number[]): WinTieLoss {
  if (candidate.length !== reference.length) {
    throw new RangeError(`paired scores need the same items: ${candidate.length} vs ${reference.length}`);
  }
  const result: WinTieLoss = { wins: 0, ties: 0, losses: 0 };
  for (let i = 0; i < candidate.length; i++) {
    const a = candidate[i]!;
    const b = reference[i]!;
    if (a > b) result.wins++;
    else if (a < b) result.losses++;
    else result.ties++;
  }
  return result;
}
