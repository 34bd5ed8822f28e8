import { render } from 'preact';
import { OptionsPage } from '@/components/OptionsPage';
import { usePreferences } from '@/hooks/use-preferences';
import { useRecognise } from '@/hooks/use-recognise';
import { useSourceSettings } from '@/hooks/use-source-settings';
import { useSync } from '@/hooks/use-sync';
import { useTabTitleSettings } from '@/hooks/use-tab-title-settings';
import '@/styles/options.css';

function Options() {
  return (
    <OptionsPage
      sourceSettings={useSourceSettings()}
      prefs={usePreferences()}
      titles={useTabTitleSettings()}
      sync={useSync()}
      recognise={useRecognise()}
    />
  );
}

render(<Options />, document.getElementById('app')!);
