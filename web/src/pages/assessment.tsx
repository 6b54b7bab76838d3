import { Page } from '../ui/page.js';

export function AssessmentPage({ id }: { id: string }) {
  return <Page title="Ergebnis des Quick-Checks">{id}</Page>;
}
