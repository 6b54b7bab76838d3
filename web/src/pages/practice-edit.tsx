import { Page } from '../ui/page.js';

export function PracticeEditPage({ slug }: { slug: string }) {
  return <Page title="Praxisbeispiel bearbeiten">{slug}</Page>;
}
