import { Page } from '../ui/page.js';

export function EventPage({ slug }: { slug: string }) {
  return <Page title="Veranstaltung">{slug}</Page>;
}
