import { Page } from '../ui/page.js';

export function QuickCheckPage() {
  return <Page title="Quick-Check" />;
}
