declare module 'virtual:policy-data' {
  const data: import('./load-dataset.ts').PolicyData;
  export default data;
}
