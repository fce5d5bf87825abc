import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { SamplePages } from '../hooks/use-sample-pages';
import { SampleRow } from './sample-row';

export const SAMPLE_ROW_HEIGHT = 68;

export interface SampleListProps {
  total: number;
  pages: SamplePages;
  selectedId: string | undefined;
  onOpen: (id: string) => void;
}

/** The virtualised list: only the rows in view (plus a few) are in the DOM, at any size. */
export function SampleList({ total, pages, selectedId, onOpen }: SampleListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => SAMPLE_ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [first, last, total, ensure]);

  return (
    <div className="list-scroll" ref={scrollRef} data-testid="sample-list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const sample = pages.row(item.index);
          return (
            <SampleRow
              key={item.key}
              index={item.index}
              sample={sample}
              selected={sample !== undefined && sample.id === selectedId}
              onOpen={onOpen}
              style={{ top: item.start, height: SAMPLE_ROW_HEIGHT }}
            />
          );
        })}
      </div>
    </div>
  );
}
