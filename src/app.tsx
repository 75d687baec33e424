/** The whole graphic. The page and (later) the embed render this same component. */
import { formatDate } from './data/format.ts';
import type { CreateMap } from './map/map-adapter.ts';
import { MapView } from './map/map-view.tsx';
import { usePolicyData, useStrings } from './state/data-context.ts';
import { useAppStore } from './state/store.ts';
import { CountryList } from './ui/country-list.tsx';
import { CountryPanel } from './ui/country-panel.tsx';
import { Legend } from './ui/legend.tsx';
import { MeasureFilter } from './ui/measure-filter.tsx';

interface Props {
  /** Injected in tests; defaults to the real, lazily loaded MapLibre. */
  createMap?: CreateMap;
}

export function App({ createMap }: Props) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  return (
    <div className="app">
      <header className="app-header">
        <h1>{data.meta.title[lang]}</h1>
        <p className="dek">{data.meta.dek[lang]}</p>
        <p className="as-of">
          {t.asOf} <time dateTime={data.meta.asOf}>{formatDate(data.meta.asOf, lang)}</time>
        </p>
      </header>
      <MeasureFilter />
      <main className="app-main">
        <div className="map-column">
          <MapView createMap={createMap} />
          <Legend />
          <CountryList />
        </div>
        <CountryPanel />
      </main>
      <footer className="app-footer">
        <p>{data.meta.credit[lang]}</p>
      </footer>
    </div>
  );
}
