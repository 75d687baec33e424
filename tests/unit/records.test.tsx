/**
 * Issue 10 (bytes): the sourced records are a file of their own, fetched when a reader first
 * reaches for them. The index the app's script carries is enough for the first screen and the map;
 * every view that shows sources says when they are loading, says when they failed, and retries.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PolicyData } from '../../src/data/policy-data.ts';
import { joinRecords, policyIndex, policyRecords } from '../../src/data/policy-index.ts';
import {
  createFullDataSource,
  type FullDataSource,
  fetchRecords,
  loadOnIntent,
  RECORDS_TIMEOUT_MS,
  RecordsTimeoutError,
} from '../../src/data/records.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { createData } from '../fixtures/create-data.ts';
import { readyMap, renderApp } from '../fixtures/render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A download the test settles by hand, as many times as it is started. */
function manualDownload() {
  const calls: { resolve(d: PolicyData): void; reject(e: Error): void }[] = [];
  const download = vi.fn(
    () =>
      new Promise<PolicyData>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
  );
  return { download, calls, source: createFullDataSource(download) };
}

const shipped = loadPolicyData();
/** What crosses the network: JSON text, parsed again. */
const overTheWire = <T,>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe('the index and the records', () => {
  it('join back into exactly the validated data', () => {
    const index = overTheWire(policyIndex(shipped)) as ReturnType<typeof policyIndex>;
    expect(joinRecords(index, overTheWire(policyRecords(shipped)))).toEqual(shipped);
  });

  it('the index carries no sources, summaries, facts, timelines or concerns of any measure', () => {
    const index = policyIndex(shipped);
    for (const c of index.countries)
      for (const m of c.measures) {
        expect(Object.keys(m).sort(), m.id).toEqual(
          ['briefCode', 'country', 'dates', 'figures', 'id', 'location', 'status', 'title', 'type'].sort(),
        );
        expect(Object.keys(m.status).filter((k) => k !== 'value' && k !== 'since')).toEqual([]);
        for (const f of m.figures) expect(f.capacity, m.id).toBe(true);
      }
    expect('incarceration' in index.meta).toBe(false);
    // Every source URL of the measures is in the records only.
    const text = JSON.stringify(index);
    for (const c of shipped.countries)
      for (const m of c.measures) for (const s of m.sources) expect(text).not.toContain(`"${s.url}"`);
  });

  it('refuses records that are not the index’s (another build’s file, or no records at all)', () => {
    const index = policyIndex(shipped);
    const records = policyRecords(shipped);
    const other = {
      ...records,
      countries: records.countries.map((c, i) =>
        i === 0 ? { ...c, measures: c.measures.map((m, j) => (j === 0 ? { ...m, id: 'renamed' } : m)) } : c,
      ),
    };
    expect(() => joinRecords(index, other)).toThrow(/other countries or measures than the app's index/);
    expect(() => joinRecords(index, { hello: 1 })).toThrow(/not a records file/);
    expect(() => joinRecords(index, null)).toThrow(/not a records file/);
  });
});

describe('fetchRecords', () => {
  it('fetches the path relative to the page and joins what it gets', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(policyRecords(shipped)), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const data = await fetchRecords(policyIndex(shipped), 'data/records.abc.json', 'https://news.example/maps/x/');
    expect(String((fetch.mock.calls[0] as unknown as [URL])[0])).toBe(
      'https://news.example/maps/x/data/records.abc.json',
    );
    expect(data).toEqual(shipped);
  });

  it('says which file failed and how', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('gone', { status: 404, statusText: 'Not Found' })),
    );
    await expect(fetchRecords(policyIndex(shipped), 'data/records.abc.json', 'https://x.example/')).rejects.toThrow(
      'records: /data/records.abc.json answered 404 Not Found',
    );
  });
});

describe('the records source', () => {
  it('downloads once, however often it is asked, and keeps what it got', async () => {
    const { download, calls, source } = manualDownload();
    const seen: string[] = [];
    source.subscribe(() => seen.push(source.get().status));
    expect(source.get()).toEqual({ status: 'idle' });
    source.load();
    source.load();
    expect(download).toHaveBeenCalledTimes(1);
    await act(async () => calls[0]?.resolve(shipped));
    expect(source.get()).toEqual({ status: 'ready', data: shipped });
    source.load();
    expect(download).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['loading', 'ready']);
  });

  it('logs a failure, reports it, and downloads again when asked', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { download, calls, source } = manualDownload();
    source.load();
    const error = new Error('records: /data/records.abc.json answered 503');
    await act(async () => calls[0]?.reject(error));
    expect(source.get()).toEqual({ status: 'error', error });
    expect(log).toHaveBeenCalledWith(error);
    source.load();
    expect(download).toHaveBeenCalledTimes(2);
    await act(async () => calls[1]?.resolve(shipped));
    expect(source.get().status).toBe('ready');
  });

  it('reports a download that never answers, offers it again, and ignores the hung one’s late answer (issue 21, defect 15)', async () => {
    vi.useFakeTimers();
    try {
      const log = vi.spyOn(console, 'error').mockImplementation(() => {});
      const { download, calls, source } = manualDownload();
      source.load();
      await act(async () => vi.advanceTimersByTime(RECORDS_TIMEOUT_MS - 1));
      expect(source.get().status).toBe('loading');
      await act(async () => vi.advanceTimersByTime(1));
      const state = source.get();
      expect(state.status).toBe('error');
      expect(state.status === 'error' && state.error).toBeInstanceOf(RecordsTimeoutError);
      expect(log).toHaveBeenCalledTimes(1);
      // Try again: a second download; the first one's late failure changes nothing.
      source.load();
      expect(download).toHaveBeenCalledTimes(2);
      await act(async () => calls[0]?.reject(new Error('late')));
      expect(source.get().status).toBe('loading');
      await act(async () => calls[1]?.resolve(shipped));
      expect(source.get().status).toBe('ready');
      expect(log).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts on the first sign of a reader (pointer, touch, key or focus), once', () => {
    for (const type of ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin']) {
      const target = new EventTarget();
      const load = vi.fn();
      const source: FullDataSource = { get: () => ({ status: 'idle' }), subscribe: () => () => {}, load };
      loadOnIntent(target, source);
      target.dispatchEvent(new Event('scroll'));
      expect(load, type).not.toHaveBeenCalled();
      target.dispatchEvent(new Event(type));
      target.dispatchEvent(new Event(type));
      target.dispatchEvent(new Event('pointerdown'));
      expect(load, type).toHaveBeenCalledTimes(1);
    }
  });
});

describe('views that show sources, before and after the records arrive', () => {
  it('the panel opens at once with the country and says the records are loading; then shows the measures', async () => {
    const user = userEvent.setup();
    const data = createData();
    const { calls, source } = manualDownload();
    renderApp({ data, records: source });
    await user.click(screen.getByRole('button', { name: /^El Salvador/ }));
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    expect(within(panel).getByRole('heading', { level: 2, name: 'El Salvador' })).toBeInTheDocument();
    expect(within(panel).getByRole('status')).toHaveTextContent('Loading the sourced records…');
    expect(within(panel).queryAllByRole('article')).toHaveLength(0);
    expect(calls).toHaveLength(1);
    await act(async () => calls[0]?.resolve(data));
    expect(within(panel).getAllByRole('article')).toHaveLength(2);
    expect(within(panel).getByRole('article', { name: 'Test state of exception' })).toHaveTextContent(
      'A documented concern.',
    );
    expect(within(panel).queryByText('Loading the sourced records…')).toBeNull();
  });

  it('the panel says when the records failed, and Try again fetches them again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const user = userEvent.setup();
    const data = createData();
    const { download, calls, source } = manualDownload();
    renderApp({ data, records: source, state: { selected: 'SLV' } });
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    await act(async () => calls[0]?.reject(new Error('records: offline')));
    expect(within(panel).getByRole('alert')).toHaveTextContent('The sourced records could not be loaded.');
    await user.click(within(panel).getByRole('button', { name: 'Try again' }));
    expect(download).toHaveBeenCalledTimes(2);
    expect(within(panel).getByRole('status')).toHaveTextContent('Loading the sourced records…');
    await act(async () => calls[1]?.resolve(data));
    expect(within(panel).getAllByRole('article')).toHaveLength(2);
    expect(within(panel).queryByRole('alert')).toBeNull();
  });

  it('the panel says when the records take too long, and Try again fetches them again (issue 21, defect 15)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.useFakeTimers();
    try {
      const data = createData();
      const { download, calls, source } = manualDownload();
      renderApp({ data, records: source, state: { selected: 'SLV' } });
      const panel = screen.getByRole('complementary', { name: 'El Salvador' });
      await act(async () => vi.advanceTimersByTime(RECORDS_TIMEOUT_MS));
      expect(within(panel).getByRole('alert')).toHaveTextContent('The sourced records are taking too long to load.');
      fireEvent.click(within(panel).getByRole('button', { name: 'Try again' }));
      expect(download).toHaveBeenCalledTimes(2);
      await act(async () => calls[1]?.resolve(data));
      expect(within(panel).getAllByRole('article')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a panel with links says it once, not once per link, while loading and after a failure', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { calls, source } = manualDownload();
    renderApp({ data: shipped, records: source, state: { selected: 'SLV' } });
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    expect(within(panel).getByRole('region', { name: 'Links with other countries' })).toBeInTheDocument();
    expect(within(panel).getAllByRole('status')).toHaveLength(1);
    await act(async () => calls[0]?.reject(new Error('records: offline')));
    expect(within(panel).getAllByRole('alert')).toHaveLength(1);
  });

  it('the table and the overview’s rates wait for the records too', async () => {
    const user = userEvent.setup();
    const data = createData();
    const { calls, source } = manualDownload();
    renderApp({ data, records: source, state: { view: 'table' } });
    const tab = screen.getByRole('tabpanel', { name: 'Table' });
    expect(within(tab).getByRole('status')).toHaveTextContent('Loading the sourced records…');
    expect(within(tab).queryByRole('table')).toBeNull();
    await act(async () => calls[0]?.resolve(data));
    expect(within(tab).getByRole('table', { name: 'All measures matching the filter' })).toBeInTheDocument();
    // Already here: the overview shows at once, without a second download.
    await user.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(within(screen.getByRole('tabpanel', { name: 'Overview' })).queryByRole('status')).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('a link’s dialog shows its kind, date and text at once, and its sources when the records arrive', async () => {
    const user = userEvent.setup();
    const { calls, source } = manualDownload();
    const { maps } = renderApp({ data: shipped, records: source });
    await readyMap(maps);
    // One marker per pair of places: Chile and El Salvador's links share a dialog.
    await user.click(screen.getByRole('button', { name: /^Chile and El Salvador: \d+ links/ }));
    const dialog = screen.getByRole('dialog', { name: 'Chile and El Salvador' });
    expect(dialog).toHaveTextContent('Visit · 30 January 2026');
    expect(dialog).toHaveTextContent('studied and adapted');
    // Said once for the dialog, not once per link.
    expect(within(dialog).getByRole('status')).toHaveTextContent('Loading the sourced records…');
    await act(async () => calls[0]?.resolve(shipped));
    const lists = within(dialog).getAllByRole('list', { name: 'Sources' });
    expect(lists.map((l) => within(l).getAllByRole('link').length)).toContain(5);
  });

  it('the map, the list, the filter and the slider need only the index: nothing is fetched until a reader acts', () => {
    const { download, source } = manualDownload();
    renderApp({ records: source });
    expect(screen.getByRole('button', { name: /^El Salvador, 2 measures/ })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: /date/i })).toBeInTheDocument();
    expect(download).not.toHaveBeenCalled();
  });
});
