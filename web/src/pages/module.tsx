import { Page } from '../ui/page.js';

export function ModulePage({ slug }: { slug: string }) {
  return <Page title="Modul">{slug}</Page>;
}
