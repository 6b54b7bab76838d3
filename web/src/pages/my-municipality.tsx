import { Page } from '../ui/page.js';

export function MyMunicipalityPage() {
  return <Page title="Meine Kommune" />;
}
