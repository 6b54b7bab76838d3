import { Page } from '../ui/page.js';

export function MunicipalityPage({ ags }: { ags: string }) {
  return <Page title="Kommune">{ags}</Page>;
}
