// Every Japanese message says its words in Japanese (test/shared/latin-words.ts says what may stay Latin).
// The browser e2e suite renders every page in Japanese with the same rule (scenarios.ts, "every word").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import en from '../../_locales/en/messages.json';
import ja from '../../_locales/ja/messages.json';
import { untranslatedWords } from '../shared/latin-words';

describe('the Japanese catalogue', () => {
  it('has every English key', () => {
    const missing = Object.keys(en).filter((k) => !(k in ja));
    assert.deepEqual(missing, []);
  });
  it('has no English words outside the allow-list (proper nouns, acronyms, quoted labels, code, names)', () => {
    const bad = Object.entries(ja as Record<string, { message: string }>)
      .map(([k, v]) => ({ k, words: untranslatedWords(v.message) }))
      .filter((x) => x.words.length);
    assert.deepEqual(bad, []);
  });
  it('the rule catches English (the test can fail)', () => {
    assert.deepEqual(untranslatedWords('Save'), ['Save']);
    assert.deepEqual(untranslatedWords('RDAP server'), ['server']);
    assert.deepEqual(untranslatedWords('Custom…'), ['Custom']);
    assert.deepEqual(
      untranslatedWords('「Settings」→「Pages」、`heroku certs:auto:refresh`、ns1.xserver.jp、--ct-key'),
      [],
    );
  });
});
