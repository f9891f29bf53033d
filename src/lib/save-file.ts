/**
 * Hand the reader a file made in the browser: a temporary link with `download`, clicked
 * and removed; the object URL is released after the browser has had time to start the
 * download. Browser only (uses the DOM).
 */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
