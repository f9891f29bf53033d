/** The element of `root` that `selector` names; the page is broken without it, so say which. */
export function requiredElement<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (element === null) throw new Error(`explorer: ${selector} is missing from the page`);
  return element;
}
