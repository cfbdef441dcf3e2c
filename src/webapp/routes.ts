/** The page's places, kept in the URL's hash so Telegram's back button and a reload find them again. */
export type Route =
  | { readonly page: 'overview'; readonly unitId: number | null }
  | { readonly page: 'metric'; readonly unitId: number | null; readonly metric: string | null }
  | { readonly page: 'nominations' }
  | { readonly page: 'reports'; readonly unitId: number | null };

const unitOf = (text: string | undefined): number | null => (text && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : null);

/** "#/u/12" → the overview of unit 12; anything unknown → the home overview. */
export function parseRoute(hash: string): Route {
  const [page, unit, metric] = hash.replace(/^#\/?/, '').split('/');
  switch (page) {
    case 'm':
      return {
        page: 'metric',
        unitId: unitOf(unit),
        metric: metric && /^[a-z0-9]{1,24}$/.test(metric) ? metric : null,
      };
    case 'n':
      return { page: 'nominations' };
    case 'r':
      return { page: 'reports', unitId: unitOf(unit) };
    default:
      return { page: 'overview', unitId: page === 'u' ? unitOf(unit) : null };
  }
}

/** The hash of a route; parseRoute(hashOf(r)) is r. */
export function hashOf(route: Route): string {
  const unit = 'unitId' in route && route.unitId !== null ? String(route.unitId) : '';
  switch (route.page) {
    case 'overview':
      return unit ? `#/u/${unit}` : '#/';
    case 'metric':
      return `#/m/${unit}${route.metric ? `/${route.metric}` : ''}`;
    case 'nominations':
      return '#/n';
    case 'reports':
      return `#/r/${unit}`;
  }
}
