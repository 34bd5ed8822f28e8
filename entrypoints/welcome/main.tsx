import { render } from 'preact';
import { WelcomePage } from '@/components/WelcomePage';
import { usePaperSiteAccess } from '@/hooks/use-paper-site-access';
import { useSourceSettings } from '@/hooks/use-source-settings';
import { useWelcome } from '@/hooks/use-welcome';
import '@/styles/welcome.css';

/** The first-run page: opened once at install (entrypoints/background), and from the Sources page. */
function Welcome() {
  return (
    <WelcomePage
      sourceSettings={useSourceSettings()}
      welcome={useWelcome()}
      access={usePaperSiteAccess()}
    />
  );
}

render(<Welcome />, document.getElementById('app')!);
