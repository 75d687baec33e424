import data from 'virtual:policy-data';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { DataContext } from './state/data-context.ts';
import { createAppStore, StoreContext } from './state/store.ts';
import './ui/styles.css';

const store = createAppStore();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <DataContext.Provider value={data}>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </DataContext.Provider>
  </StrictMode>,
);
