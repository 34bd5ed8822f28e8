import { render } from 'preact';
import { LibraryPage } from '@/components/LibraryPage';
import { useLibrary } from '@/hooks/use-library';
import { usePreferences } from '@/hooks/use-preferences';
import '@/styles/library.css';

function Library() {
  return <LibraryPage lib={useLibrary()} images={usePreferences().images} />;
}

render(<Library />, document.getElementById('app')!);
