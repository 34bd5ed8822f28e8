import { render } from 'preact';
import { LibraryPage } from '@/components/LibraryPage';
import { useLibrary } from '@/hooks/use-library';
import '@/styles/library.css';

function Library() {
  return <LibraryPage lib={useLibrary()} />;
}

render(<Library />, document.getElementById('app')!);
