/**
 * Progressive enhancement of the build-time charts: a tooltip that follows the pointer (or
 * a tap) over any mark that has a <title>. Without it the browser's own title tooltip
 * still works on hover; with it touch screens get tooltips too, shown at once and styled
 * like the page. Loaded on demand (see ChartFigure.astro) the first time a pointer reaches
 * a chart; nothing here is needed to read a chart.
 */

let tip: HTMLDivElement | undefined;
let enabled = false;

function tooltip(): HTMLDivElement {
  if (tip) return tip;
  tip = document.createElement('div');
  tip.className = 'chart-tooltip';
  tip.setAttribute('role', 'status');
  tip.hidden = true;
  document.body.append(tip);
  return tip;
}

/** The tooltip text of the mark under the pointer (its <title>, moved to data-tip on first use). */
function markText(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  const svg = target.closest('.chart-svg');
  if (svg === null) return null;
  for (let el: Element | null = target; el !== null && el !== svg; el = el.parentElement) {
    const cached = el.getAttribute('data-tip');
    if (cached !== null) return cached;
    const title = [...el.children].find((child) => child.tagName.toLowerCase() === 'title');
    if (title !== undefined) {
      // Keep the text, drop the element so that the browser's own tooltip does not show as well.
      el.setAttribute('data-tip', title.textContent ?? '');
      title.remove();
      return el.getAttribute('data-tip');
    }
  }
  return null;
}

function show(event: PointerEvent): void {
  const text = markText(event.target);
  const el = tooltip();
  if (text === null || text === '') {
    el.hidden = true;
    return;
  }
  el.textContent = text;
  el.hidden = false;
  const pad = 12;
  const { innerWidth, innerHeight } = window;
  const box = el.getBoundingClientRect();
  const x = Math.min(event.clientX + pad, innerWidth - box.width - 4);
  const y = event.clientY + pad + box.height > innerHeight ? event.clientY - box.height - pad : event.clientY + pad;
  el.style.transform = `translate(${String(Math.max(4, x))}px, ${String(Math.max(4, y))}px)`;
}

function hide(event: PointerEvent): void {
  if (tip && !(event.relatedTarget instanceof Element && event.relatedTarget.closest('.chart-svg'))) tip.hidden = true;
}

/** Turn the tooltips on (idempotent). */
export function enableTooltips(): void {
  if (enabled) return;
  enabled = true;
  document.addEventListener('pointermove', show, { passive: true });
  document.addEventListener('pointerdown', show, { passive: true });
  document.addEventListener('pointerout', hide, { passive: true });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && tip) tip.hidden = true;
  });
}
