import { Page } from '../ui/page.js';

export function PracticePage({ slug }: { slug: string }) {
  return <Page title="Praxisbeispiel">{slug}</Page>;
}
