/** The whole graphic. The page and (later) the embed render this same component. */
import './app.css';
import { useEffect } from 'react';
import { formatDate } from './data/format.ts';
import { startHeightMessages } from './embed/height-messages.ts';
import type { EmbedLayout } from './embed/layout.ts';
import type { CreateMap } from './map/map-adapter.ts';
import { MapErrorBoundary } from './map/map-error-boundary.tsx';
import { MapView } from './map/map-view.tsx';
import { usePolicyData, useStrings } from './state/data-context.ts';
import { useAppStore } from './state/store.ts';
import { useDocumentSettings, useResolvedTheme } from './state/theme.ts';
import { serializeUrlState, toUrlState } from './state/url-state.ts';
import { AboutData } from './ui/about-data.tsx';
import { Announcer } from './ui/announcer.tsx';
import { COUNTRY_LIST_ID, CountryList } from './ui/country-list.tsx';
import { CountryPanel } from './ui/country-panel.tsx';
import { DateControl } from './ui/date-control.tsx';
import { IncarcerationRates } from './ui/incarceration-rates.tsx';
import { LanguageSwitch } from './ui/language-switch.tsx';
import { Legend } from './ui/legend.tsx';
import { LinkDetails } from './ui/link-details.tsx';
import { MeasureFilter } from './ui/measure-filter.tsx';
import { MeasureTable } from './ui/measure-table.tsx';
import { OverviewMatrix } from './ui/overview-matrix.tsx';
import { appBase, ShareDialog } from './ui/share-dialog.tsx';
import { StoryStepper } from './ui/story-stepper.tsx';
import { tabId, tabPanelId, ViewTabs } from './ui/view-tabs.tsx';

/**
 * The link to the full page for the current view, from the store (never the frame's own URL, which
 * goes stale and carries embed-only parameters): the app's folder plus the view's query. Its own
 * component, so only it re-renders when the view changes.
 */
function FullPageLink() {
  const t = useStrings();
  const query = useAppStore((s) => serializeUrlState(toUrlState(s)));
  return (
    <a href={`${appBase()}${query}`} target="_blank" rel="noopener">
      {t.openFull}
      <span className="visually-hidden"> {t.opensInNewTab}</span>
    </a>
  );
}

/** The image export's own chunk (map/ code; ui/ gets it as a prop), loaded when a download is asked for. */
const loadImageExport = () => import('./map/export-image.ts');

interface Props {
  /** Injected in tests; defaults to the real, lazily loaded MapLibre. */
  createMap?: CreateMap;
  /** Injected in tests; defaults to probing the browser for WebGL (else the SVG map is drawn). */
  webgl?: () => boolean;
  /** The SVG map answers first and MapLibre takes over (the page; map/use-map-instance.ts). */
  svgFirst?: boolean;
  /** The build's drawing of the map, shown until the live map answers (map/map-view.tsx). */
  firstPaint?: string;
  /**
   * Embed mode (?embed=1): the same graphic without page chrome — a one-line title, the source
   * line and a link to the full page — and a map that lets page scroll pass over it.
   */
  embed?: boolean;
  /**
   * `layout=story` (embeds): the map and the stepper fill the frame, the country panel opens over
   * the map (phones) or beside it, and no height message is sent (embed/layout.ts, app.css).
   */
  layout?: EmbedLayout;
}

/** The title, the dek (not in embeds), the "as of" line and the language, about and share tools. */
function AppHeader({ embed }: { embed: boolean }) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  return (
    <header className="app-header">
      <h1 title={embed ? data.meta.title[lang] : undefined}>{data.meta.title[lang]}</h1>
      {!embed && <p className="dek">{data.meta.dek[lang]}</p>}
      <p className="as-of">
        {t.asOf} <time dateTime={data.meta.asOf}>{formatDate(data.meta.asOf, lang)}</time>
        <span className="data-version"> · {t.dataVersionShort.replace('{version}', data.version)}</span>
        {embed && (
          <>
            {' · '}
            <FullPageLink />
          </>
        )}
      </p>
      <div className="header-tools">
        <LanguageSwitch />
        <AboutData />
        <ShareDialog imageExport={loadImageExport} />
      </div>
    </header>
  );
}

/**
 * The map view: the map, its legend and the country list. It stays mounted when hidden, so MapLibre
 * is created once.
 */
function MapTabPanel({
  createMap,
  webgl,
  svgFirst,
  firstPaint,
  embed,
  hidden,
}: Props & { embed: boolean; hidden: boolean }) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  return (
    <div role="tabpanel" id={tabPanelId('map')} aria-labelledby={tabId('map')} hidden={hidden} className="view-panel">
      <a className="skip-link" href={`#${COUNTRY_LIST_ID}`}>
        {t.skipToList}
      </a>
      <MapErrorBoundary strings={t} label={t.mapRegionLabel.replace('{title}', data.meta.title[lang])}>
        <MapView
          createMap={createMap}
          webgl={webgl}
          svgFirst={svgFirst}
          firstPaint={firstPaint}
          cooperativeGestures={embed}
          fitFirstScreen={!embed}
          linkDetails={(l, done, i) => <LinkDetails link={l.link} state={l} onOpenedMeasure={done} quiet={i > 0} />}
        />
      </MapErrorBoundary>
      <StoryStepper place="map" />
      <Legend />
      <CountryList />
    </div>
  );
}

export function App({ createMap, webgl, svgFirst, firstPaint, embed = false, layout }: Props) {
  // Framed (any host): report our height in pym, Datawrapper, AMP and Embedly formats — from the
  // first commit on, never before there is anything to measure. The story layout fills whatever
  // height the host gives it, so it reports none.
  useEffect(() => (layout === 'story' ? undefined : startHeightMessages()), [layout]);
  const data = usePolicyData();
  const lang = useAppStore((s) => s.lang);
  const view = useAppStore((s) => s.view);
  const theme = useResolvedTheme();
  useDocumentSettings(theme, lang, data.meta.title[lang]);

  return (
    <div className="app" data-view={view} data-embed={embed || undefined} data-layout={layout}>
      <AppHeader embed={embed} />
      <main className="app-main">
        {/* On phones the folded filter and the date share one row (app.css). */}
        <div className="controls">
          <MeasureFilter />
          <DateControl />
        </div>
        <ViewTabs />
        <MapTabPanel
          createMap={createMap}
          webgl={webgl}
          svgFirst={svgFirst}
          firstPaint={firstPaint}
          embed={embed}
          hidden={view !== 'map'}
        />
        {view === 'table' && (
          <div role="tabpanel" id={tabPanelId('table')} aria-labelledby={tabId('table')} className="view-panel">
            <MeasureTable />
          </div>
        )}
        {view === 'overview' && (
          <div role="tabpanel" id={tabPanelId('overview')} aria-labelledby={tabId('overview')} className="view-panel">
            <OverviewMatrix />
            <IncarcerationRates />
          </div>
        )}
        <Announcer />
      </main>
      {/* The panel is a top-level landmark beside <main>, shown with the map view. */}
      {view === 'map' && <CountryPanel sheet={!embed || layout === 'story'} detailsOnDemand={embed} />}
      <footer className="app-footer">
        <p>{data.meta.credit[lang]}</p>
      </footer>
    </div>
  );
}
