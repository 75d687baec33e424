/** What the map says about itself: loading, drawn without WebGL, or what failed, with Retry. */
import { useStrings } from '../state/data-context.ts';
import type { MapStatus } from './use-map-instance.ts';

export function MapStatusNotes({ status, retry }: { status: MapStatus; retry(): void }) {
  const t = useStrings();
  if (status.kind === 'loading')
    return (
      <p className="map-status" role="status">
        {t.mapLoading}
      </p>
    );
  if (status.kind === 'ready')
    return status.renderer === 'svg' && !status.upgrading ? <p className="map-note">{t.mapSvgNote}</p> : null;
  const failure = t[status.timedOut ? (`mapSlow_${status.stage}` as const) : (`mapFailed_${status.stage}` as const)];
  return (
    <div className="map-status map-failure" role="alert">
      <p>{`${failure} ${t.mapStillWorks}`}</p>
      <button type="button" className="retry-button" onClick={retry}>
        {t.mapRetry}
      </button>
    </div>
  );
}
