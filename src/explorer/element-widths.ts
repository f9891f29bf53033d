/**
 * The widths of elements as the browser last laid them out, kept by a ResizeObserver, so
 * that reading one never forces a layout. The explorer reads its views' widths the moment
 * a control changes, before it changes anything on the page; read from `clientWidth` then,
 * they cost a full layout of the page (about 40 ms with the CPU slowed 4x, on the first
 * change after load), a layout the browser does for its next frame anyway.
 */
export class ElementWidths {
  private readonly widths = new WeakMap<Element, number>();
  private readonly elements: readonly HTMLElement[];

  /** Start observing `elements` (the entry script does, as the page starts). */
  constructor(elements: Iterable<HTMLElement>) {
    this.elements = [...elements];
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) this.widths.set(entry.target, entry.contentBoxSize[0]?.inlineSize ?? entry.contentRect.width);
    });
    for (const element of this.elements) observer.observe(element);
  }

  /**
   * Read now the widths no layout has reported yet (a change made right after the page
   * loaded can come before the first report): the entry script calls this the moment the
   * reader shows intent, before it changes anything on the page, while reading costs
   * little.
   */
  settle(): void {
    for (const element of this.elements) if (!this.widths.has(element)) this.widths.set(element, element.clientWidth);
  }

  /** The element's content width at the last layout; read from the element if none was observed yet. */
  width(element: HTMLElement): number {
    return this.widths.get(element) ?? element.clientWidth;
  }
}
