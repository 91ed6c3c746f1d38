import React, { useEffect, useState } from 'react';
import { t } from '../host/translate';

/** Shown while a question is in flight, with the seconds it has taken so far. */
export default function RunningIndicator({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, (now - startedAt) / 1000);
  return (
    <div className="running" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>
        {t('Running…')} {seconds.toFixed(1)} s
      </span>
    </div>
  );
}
