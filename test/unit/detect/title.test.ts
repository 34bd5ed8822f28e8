import { describe, expect, it } from 'vitest';
import { normalizeTitle, titleKey } from '@/utils/detect/title';

describe('normalizeTitle', () => {
  it.each([
    [
      'The Lottery Ticket Hypothesis for Pre-trained BERT Networks',
      'the lottery ticket hypothesis for pre trained bert networks',
    ],
    [
      '  Big   Bird:  Transformers for\nLonger Sequences ',
      'big bird transformers for longer sequences',
    ],
    [
      'What is being transferred in transfer learning?',
      'what is being transferred in transfer learning',
    ],
    ['Régularisation de l’apprentissage: Étude', 'regularisation de l apprentissage etude'],
    ['Learning with {$\\alpha$}-Divergences', 'learning with alpha divergences'],
    ['\\textbf{Deep} Learning \\emph{for} Graphs', 'deep learning for graphs'],
    ['Straße und Gödel', 'strasse und godel'],
    ['GPT-4 Technical Report', 'gpt 4 technical report'],
  ])('%s', (input, expected) => {
    expect(normalizeTitle(input)).toBe(expected);
  });

  it('makes the same key for the same title written differently', () => {
    expect(titleKey('EMPIR: Ensembles of Mixed Precision Deep Networks')).toBe(
      titleKey('empir — ensembles of mixed-precision deep networks'),
    );
  });

  it('refuses titles too short to identify a paper', () => {
    expect(titleKey('Introduction')).toBeNull();
    expect(titleKey('')).toBeNull();
  });
});
