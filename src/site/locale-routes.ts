/**
 * The routes of a page in every locale. Each page type has one route file under
 * `src/pages/[...lang]/`, which renders it in Chinese at `/…` (no `lang`) and in English at
 * `/en/…`; the page reads its locale from `Astro.currentLocale` (src/lib/i18n.ts
 * `requireLocale`).
 */
import { LOCALES, localeSegment } from '../lib/i18n.ts';

/** One static path of a route: its parameters and the props the page receives. */
export interface LocaleRoute<Params extends Record<string, string>, Props> {
  readonly params: Params & { readonly lang: string | undefined };
  readonly props: Props;
}

/**
 * Every path of a route in every locale: `paths` (one per page of the route, default: the
 * route's single page) repeated for each locale with its `lang` parameter.
 */
export function localeRoutes<Params extends Record<string, string> = Record<never, string>, Props = Record<never, never>>(
  paths: readonly { readonly params: Params; readonly props?: Props }[] = [{ params: {} as Params }],
): LocaleRoute<Params, Props>[] {
  return LOCALES.flatMap((locale) =>
    paths.map((path) => ({ params: { ...path.params, lang: localeSegment(locale) }, props: (path.props ?? {}) as Props })),
  );
}
