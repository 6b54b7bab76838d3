import { Page } from '../ui/page.js';

export function SeriesPage({ slug }: { slug: string }) {
  return <Page title="Veranstaltungsreihe">{slug}</Page>;
}
