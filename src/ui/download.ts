/** Saves a blob as a file through a temporary object URL (no server, no request). */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled (the download keeps its own reference).
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Saves text as a file: at once, or, when `text` is still on its way (the CSV's writer loads at the
 * first download), when it arrives.
 */
export function downloadText(filename: string, mime: string, text: string | Promise<string>): Promise<void> {
  const save = (t: string) => downloadBlob(filename, new Blob([t], { type: mime }));
  if (typeof text !== 'string') return text.then(save);
  save(text);
  return Promise.resolve();
}
