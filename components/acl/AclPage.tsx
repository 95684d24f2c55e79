'use client';
// Monaco touches `window` and `self` when it loads, so the editor is loaded in the browser only.
import dynamic from 'next/dynamic';

const AclWorkbench = dynamic(() => import('./AclWorkbench'), { ssr: false, loading: () => <p className="empty">Loading the editor…</p> });

export function AclPage({ canEdit }: { canEdit: boolean }) {
  return <AclWorkbench canEdit={canEdit} />;
}
