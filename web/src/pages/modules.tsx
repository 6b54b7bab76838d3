import { Page } from '../ui/page.js';

export function ModulesPage() {
  return <Page title="Module" />;
}
