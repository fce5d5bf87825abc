import { useEffect, useState } from 'react';

/**
 * Follows a server-sent-events URL (GET, same origin) and keeps the last message; null path
 * closes it. The server ends the stream when there is nothing more to say.
 */
export function useEventSource<T>(path: string | null, onMessage?: (message: T) => void): T | undefined {
  const [last, setLast] = useState<T>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: onMessage is read on each message, not a reason to reconnect
  useEffect(() => {
    setLast(undefined);
    if (!path) return;
    const source = new EventSource(path);
    source.onmessage = (event) => {
      const message = JSON.parse(event.data as string) as T;
      setLast(message);
      onMessage?.(message);
    };
    source.onerror = () => source.close();
    return () => source.close();
  }, [path]);
  return last;
}
