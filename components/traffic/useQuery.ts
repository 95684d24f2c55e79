'use client';
import { useEffect, useState } from 'react';
import { api } from '../api';

/**
 * Data that depends on a URL: fetched again whenever the URL changes; an answer to an older URL
 * that arrives late is ignored. (useResource loads once; this page's requests follow its filters.)
 */
export function useQuery<T>(path: string | null) {
  const [state, setState] = useState<{ path: string | null; data: T | null; error: string | null }>({ path: null, data: null, error: null });
  useEffect(() => {
    if (!path) return;
    let current = true;
    api<T>(path).then(
      (data) => current && setState({ path, data, error: null }),
      (e: Error) => current && setState({ path, data: null, error: e.message }),
    );
    return () => {
      current = false;
    };
  }, [path]);
  return { data: state.data, error: state.error, loading: state.path !== path };
}
