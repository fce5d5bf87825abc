import { useSyncExternalStore } from 'react';
import { subscribeToLocation } from './navigate';

export interface AppLocation {
  pathname: string;
  search: URLSearchParams;
}

let cached: { key: string; value: AppLocation } | undefined;

function snapshot(): AppLocation {
  const key = `${location.pathname}${location.search}`;
  if (cached?.key !== key) {
    cached = { key, value: { pathname: location.pathname, search: new URLSearchParams(location.search) } };
  }
  return cached.value;
}

/** The current path and query, re-rendering on navigation. */
export function useLocation(): AppLocation {
  return useSyncExternalStore(subscribeToLocation, snapshot);
}
