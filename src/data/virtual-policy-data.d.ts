declare module 'virtual:policy-data' {
  /** The index: what the first screen and the map read (policy-index.ts). */
  const index: import('./policy-index.ts').PolicyIndex;
  export default index;
  /** The records file, relative to index.html: fetched when a reader first needs it. */
  export const RECORDS_PATH: string;
}
