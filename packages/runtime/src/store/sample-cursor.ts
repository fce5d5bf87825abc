import type { SampleOrderBy, SortDirection } from './sample-store';
import { StoreError } from './store-error';

/** Where a page ended: the sort key of its last row and that row's insertion sequence. */
export interface SampleCursor {
  orderBy: SampleOrderBy;
  direction: SortDirection;
  key: string;
  seq: number;
}

export function encodeSampleCursor(cursor: SampleCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.orderBy, cursor.direction, cursor.key, cursor.seq]),
    'utf8',
  ).toString('base64url');
}

/** Decodes a cursor and checks it was made for the same ordering. */
export function decodeSampleCursor(
  text: string,
  orderBy: SampleOrderBy,
  direction: SortDirection,
): SampleCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 4 ||
    typeof value[2] !== 'string' ||
    typeof value[3] !== 'number' ||
    !Number.isInteger(value[3])
  ) {
    throw new StoreError('Invalid page cursor.', {
      code: 'invalid-query',
      advice: 'Pass the nextCursor of the previous page unchanged, or leave it out to start again.',
    });
  }
  if (value[0] !== orderBy || value[1] !== direction) {
    throw new StoreError(
      `This cursor was made for ordering by ${value[0]} ${value[1]}, not ${orderBy} ${direction}.`,
      {
        code: 'invalid-query',
        advice: 'Keep orderBy and direction the same while paging, or start again without a cursor.',
      },
    );
  }
  return { orderBy, direction, key: value[2], seq: value[3] };
}
