import { render } from 'preact';
import { OptionsPage } from '@/components/OptionsPage';
import { useSourceSettings } from '@/hooks/use-source-settings';
import '@/styles/options.css';

function Options() {
  return <OptionsPage s={useSourceSettings()} />;
}

render(<Options />, document.getElementById('app')!);
