/**
 * Progressive enhancement of the share / download control (ChartShare.astro): PNG at 2x
 * and 3x, rasterised in the reader's browser from the chart's frozen standalone SVG (the
 * browser has the CJK fonts; the build machine may not), and the embed code with this
 * site's origin when the build did not know it. Without JavaScript the control still
 * offers the iframe code, the SVG, the CSV and the embed view as plain links.
 */
import { saveFile } from '../../lib/save-file.ts';

/** Rasterise an SVG text to a PNG at `scale` times its size. */
export async function svgToPng(svgText: string, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('chart-share: the SVG did not load as an image'));
    });
    image.src = url;
    await loaded;
    const width = image.naturalWidth;
    const height = image.naturalHeight;
    if (width === 0 || height === 0) throw new Error('chart-share: the SVG has no size');
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('chart-share: no 2D canvas');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => (blob === null ? reject(new Error('chart-share: PNG encoding failed')) : resolve(blob)), 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

let enabled = false;

/** Enhance every share control of the page (idempotent). */
export function enableChartShare(root: Document): void {
  if (enabled) return;
  enabled = true;
  for (const control of root.querySelectorAll<HTMLElement>('[data-chart-share]')) {
    for (const item of control.querySelectorAll<HTMLElement>('.chart-share__png, .chart-share__copy')) item.hidden = false;
    const code = control.querySelector<HTMLTextAreaElement>('[data-embed-code]');
    if (code !== null) {
      // Root-relative URLs (the build did not know the site's address): make them absolute.
      code.value = code.value.replace(/(src=")\//g, `$1${location.origin}/`);
      code.addEventListener('focus', () => code.select());
    }
    const link = control.querySelector<HTMLInputElement>('[data-frozen-link]');
    if (link !== null) {
      if (link.value.startsWith('/')) link.value = `${location.origin}${link.value}`;
      link.addEventListener('focus', () => link.select());
    }
  }
  root.addEventListener('click', (event) => {
    const copy = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button[data-copy]') : null;
    const from = copy?.closest<HTMLElement>('[data-chart-share]');
    if (copy && from) {
      const field = root.getElementById(copy.dataset.copy ?? '') as HTMLInputElement | HTMLTextAreaElement | null;
      const status = from.querySelector<HTMLElement>('[data-share-status]');
      if (field === null) return;
      navigator.clipboard
        .writeText(field.value)
        .then(() => {
          if (status) status.textContent = from.dataset.msgCopied ?? '';
        })
        .catch(() => {
          // No clipboard (permission, an old browser): the text is selected for the reader to copy.
          field.focus();
          field.select();
          if (status) status.textContent = from.dataset.msgCopyError ?? '';
        });
      return;
    }
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button[data-png]') : null;
    const control = button?.closest<HTMLElement>('[data-chart-share]');
    if (!button || !control) return;
    const scale = Number(button.dataset.png);
    const status = control.querySelector<HTMLElement>('[data-share-status]');
    const svg = control.dataset.svg ?? '';
    const name = `${control.dataset.name ?? 'chart'}@${scale}x.png`;
    button.disabled = true;
    if (status) status.textContent = control.dataset.msgWorking ?? '';
    fetch(svg)
      .then((response) => {
        if (!response.ok) throw new Error(`chart-share: ${svg} answered ${response.status}`);
        return response.text();
      })
      .then((text) => svgToPng(text, scale))
      .then((blob) => {
        saveFile(name, blob);
        if (status) status.textContent = (control.dataset.msgDone ?? '').replace('{name}', name);
      })
      .catch((error: unknown) => {
        if (status) status.textContent = control.dataset.msgError ?? String(error);
      })
      .finally(() => {
        button.disabled = false;
      });
  });
}
