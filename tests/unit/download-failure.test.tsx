/** A download whose code cannot load (offline, a dropped chunk) says so and logs it; it never fails silently. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import { renderApp } from '../fixtures/render-app.tsx';

// The CSV writer's chunk, as a failed network fetch leaves it.
vi.mock('csv-stringify/browser/esm/sync', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

it('says the CSV could not be made, and logs why, when its writer does not load', async () => {
  const user = userEvent.setup();
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  renderApp({ state: { view: 'table' } });
  await user.click(screen.getByRole('button', { name: /Download .*CSV/i }));
  expect(await screen.findByRole('alert')).toHaveTextContent(/file could not be made/);
  expect(errors).toHaveBeenCalled();
});
