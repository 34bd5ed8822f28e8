import { render } from 'preact';
import { WelcomePage } from '@/components/WelcomePage';
import { useSourceSettings } from '@/hooks/use-source-settings';
import { useWelcome } from '@/hooks/use-welcome';
import '@/styles/welcome.css';

/** The first-run page: opened once at install (entrypoints/background), and from the Sources page. */
function Welcome() {
  return <WelcomePage s={useSourceSettings()} w={useWelcome()} />;
}

render(<Welcome />, document.getElementById('app')!);
