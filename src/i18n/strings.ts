/**
 * Every UI string, in English and Spanish. `Strings` is the English table's shape, so a key
 * missing from Spanish is a type error (and a unit test checks that no value is left empty).
 */
export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];

const en = {
  asOf: 'Facts as of',
  mapRegionLabel: 'Map of crime-policy measures in six Latin American countries',
  mapLoading: 'Loading map…',
  mapFailed: 'The map could not be drawn in this browser. The country list and details below still work.',
  countriesLabel: 'Countries',
  measure: 'measure',
  measures: 'measures',
  filterLegend: 'Filter by measure type',
  filterReset: 'Show all types',
  legendTitle: 'Measures matching the filter',
  legendNone: 'None',
  legendAllTypes: 'all types',
  legendSomeTypes: '{n} of {total} types',
  panelClose: 'Close',
  noMatching: 'No measures of the selected types. Show all types to see the rest.',
  statusLabel: 'Status',
  announced: 'Announced',
  started: 'Started',
  ended: 'Ended',
  keyFigures: 'Key figures',
  keyFacts: 'Key facts',
  timeline: 'Timeline',
  place: 'Place',
  concerns: 'Human-rights concerns',
  sources: 'Sources',
  contested: 'Sources differ',
  asOfShort: 'as of',
  noDate: 'n.d.',
  headlineFromLink: 'description from the link; exact headline not verified',
  noHeadline: 'headline not captured',
  opensInNewTab: '(opens in a new tab)',
  copiedFrom: 'also cited in',
  selectHint: 'Select a country on the map or in the list to see its measures.',
  panelEmptyLabel: 'Country details',
  mapCanvasLabel: 'Pan and zoom area: arrow keys pan, plus and minus zoom',
  qualifier_about: 'about',
  'qualifier_more-than': 'more than',
  'qualifier_at-least': 'at least',
  'qualifier_up-to': 'up to',
  or: 'or',
  languageLabel: 'Language',
  viewsLabel: 'View',
  viewMap: 'Map',
  viewTable: 'Table',
  viewOverview: 'Overview',
  skipToList: 'Skip the map to the list of countries',
  mapDescription:
    'Six countries are coloured by how many of their measures match the filter; darker means more. Hatched countries have none. Use the country buttons below the map to open each record.',
  announceFilter: '{countries} countries, {measures} measures match the filter.',
  announceCountry: '{country}: {count}.',
  announceClosed: 'Panel closed.',
  tableCaption: 'All measures matching the filter',
  tableRows: '{n} rows',
  colCountry: 'Country',
  colType: 'Type',
  colMeasure: 'Measure',
  colStatus: 'Status',
  colAnnounced: 'Announced',
  colStarted: 'Started',
  colEnded: 'Ended',
  colFigure: 'Key figure',
  colSources: 'Sources',
  sortBy: 'Sort by {column}',
  download: 'Download',
  downloadCsv: 'CSV',
  downloadJson: 'JSON',
  downloadCsvLabel: 'Download the rows shown as CSV',
  downloadJsonLabel: 'Download the rows shown as JSON',
  sourceN: 'Source {n}: {publisher}',
  overviewCaption: 'Status of each measure, by country and type',
  overviewNone: 'none',
  openMeasure: '{status}: {title}, {country}',
  sheetExpand: 'Expand details',
  sheetCollapse: 'Collapse details',
  share: 'Share or embed',
  shareTitle: 'Share or embed this view',
  shareIntro: 'Each snippet reproduces what you see now: the selected country, the filter and the language.',
  snippetScript: 'Responsive embed (recommended; shows a static image where scripts cannot run)',
  snippetIframe: 'Plain iframe with a fixed height',
  snippetLink: 'Link',
  copy: 'Copy',
  copied: 'Copied.',
  copySelect: 'Selected: press Ctrl+C or ⌘C to copy.',
  openFull: 'Open the full graphic',
};
export type StringKey = keyof typeof en;
export type Strings = Record<StringKey, string>;

const es: Strings = {
  asOf: 'Datos a',
  mapRegionLabel: 'Mapa de medidas contra el crimen en seis países de América Latina',
  mapLoading: 'Cargando el mapa…',
  mapFailed: 'No se pudo dibujar el mapa en este navegador. La lista de países y los detalles siguen disponibles.',
  countriesLabel: 'Países',
  measure: 'medida',
  measures: 'medidas',
  filterLegend: 'Filtrar por tipo de medida',
  filterReset: 'Mostrar todos los tipos',
  legendTitle: 'Medidas que coinciden con el filtro',
  legendNone: 'Ninguna',
  legendAllTypes: 'todos los tipos',
  legendSomeTypes: '{n} de {total} tipos',
  panelClose: 'Cerrar',
  noMatching: 'No hay medidas de los tipos seleccionados. Muestre todos los tipos para ver el resto.',
  statusLabel: 'Estado',
  announced: 'Anunciada',
  started: 'Inicio',
  ended: 'Fin',
  keyFigures: 'Cifras clave',
  keyFacts: 'Datos clave',
  timeline: 'Cronología',
  place: 'Lugar',
  concerns: 'Preocupaciones de derechos humanos',
  sources: 'Fuentes',
  contested: 'Las fuentes difieren',
  asOfShort: 'a',
  noDate: 's. f.',
  headlineFromLink: 'descripción tomada del enlace; titular exacto no verificado',
  noHeadline: 'titular no disponible',
  opensInNewTab: '(se abre en una pestaña nueva)',
  copiedFrom: 'también citada en',
  selectHint: 'Seleccione un país en el mapa o en la lista para ver sus medidas.',
  panelEmptyLabel: 'Detalles del país',
  mapCanvasLabel: 'Zona de desplazamiento y zoom: las flechas desplazan, más y menos acercan o alejan',
  qualifier_about: 'unos',
  'qualifier_more-than': 'más de',
  'qualifier_at-least': 'al menos',
  'qualifier_up-to': 'hasta',
  or: 'o',
  languageLabel: 'Idioma',
  viewsLabel: 'Vista',
  viewMap: 'Mapa',
  viewTable: 'Tabla',
  viewOverview: 'Resumen',
  skipToList: 'Saltar el mapa e ir a la lista de países',
  mapDescription:
    'Seis países están coloreados según cuántas de sus medidas coinciden con el filtro; más oscuro significa más. Los países rayados no tienen ninguna. Use los botones de países bajo el mapa para abrir cada ficha.',
  announceFilter: '{countries} países, {measures} medidas coinciden con el filtro.',
  announceCountry: '{country}: {count}.',
  announceClosed: 'Panel cerrado.',
  tableCaption: 'Todas las medidas que coinciden con el filtro',
  tableRows: '{n} filas',
  colCountry: 'País',
  colType: 'Tipo',
  colMeasure: 'Medida',
  colStatus: 'Estado',
  colAnnounced: 'Anuncio',
  colStarted: 'Inicio',
  colEnded: 'Fin',
  colFigure: 'Cifra clave',
  colSources: 'Fuentes',
  sortBy: 'Ordenar por {column}',
  download: 'Descargar',
  downloadCsv: 'CSV',
  downloadJson: 'JSON',
  downloadCsvLabel: 'Descargar las filas mostradas en CSV',
  downloadJsonLabel: 'Descargar las filas mostradas en JSON',
  sourceN: 'Fuente {n}: {publisher}',
  overviewCaption: 'Estado de cada medida, por país y tipo',
  overviewNone: 'ninguna',
  openMeasure: '{status}: {title}, {country}',
  sheetExpand: 'Ampliar detalles',
  sheetCollapse: 'Reducir detalles',
  share: 'Compartir o insertar',
  shareTitle: 'Compartir o insertar esta vista',
  shareIntro: 'Cada código reproduce lo que ve ahora: el país seleccionado, el filtro y el idioma.',
  snippetScript: 'Inserción adaptable (recomendada; muestra una imagen fija donde no se ejecutan scripts)',
  snippetIframe: 'Iframe simple con altura fija',
  snippetLink: 'Enlace',
  copy: 'Copiar',
  copied: 'Copiado.',
  copySelect: 'Seleccionado: pulse Ctrl+C o ⌘C para copiar.',
  openFull: 'Abrir el gráfico completo',
};

export const STRINGS: Record<Lang, Strings> = { en, es };

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', es: 'Español' };

/** Fills `{name}` placeholders: fill('{n} rows', { n: 3 }) → "3 rows". */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

/** Locale used for Intl formatting in each language. */
export const LOCALES: Record<Lang, string> = { en: 'en-GB', es: 'es' };

/**
 * The reader's language when the URL does not say: the first of the browser's preferred languages
 * that we have, else English.
 */
export function preferredLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if ((LANGS as readonly string[]).includes(base ?? '')) return base as Lang;
  }
  return 'en';
}
