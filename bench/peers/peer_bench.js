// Peer NLP libraries on the same text as vigil (bench/run_bench.sh).
//
//   node peer_bench.js FILE MODE [MIN_SECONDS [MAX_DOCS]]
//
// FILE is a JSON Lines file with a "text" field per line (bench/gen_corpus.py
// --text-jsonl). MODE is one of:
//   wink-tokenize       wink-nlp readDoc with an empty pipe: tokenization only
//   wink-sbd            wink-nlp tokenization + sentence boundaries
//   wink-pos-ner        wink-nlp tokenization + sentences + POS + NER
//                       (wink-eng-lite-web-model), reading tokens and entities
//   compromise-tokenize compromise nlp.tokenize(): tokenization only
//   compromise-tag      compromise nlp(): tokenization + tagging
// The texts are read into memory first; one warm-up pass over the first
// 200 documents lets the JIT settle; then whole passes over all documents
// are timed until MIN_SECONDS (default 3) have passed. MAX_DOCS reads only
// the first documents of FILE (for the slowest peers). Prints one JSON
// object: mode, docs, bytes (UTF-8 text bytes per pass), passes, seconds,
// mb_per_s, docs_per_s, tokens (per pass).
'use strict';

const fs = require('fs');

function main() {
  const [file, mode, minArg, maxArg] = process.argv.slice(2);
  if (!file || !mode) {
    process.stderr.write('usage: node peer_bench.js FILE MODE [MIN_SECONDS [MAX_DOCS]]\n');
    process.exit(2);
  }
  const minSeconds = minArg ? Number(minArg) : 3;
  const maxDocs = maxArg ? Number(maxArg) : Infinity;
  const texts = [];
  let bytes = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    if (texts.length >= maxDocs) break;
    const t = JSON.parse(line).text;
    texts.push(t);
    bytes += Buffer.byteLength(t, 'utf8');
  }

  let run;
  if (mode.startsWith('wink-')) {
    const winkNLP = require('wink-nlp');
    const model = require('wink-eng-lite-web-model');
    const pipe = {
      'wink-tokenize': [],
      'wink-sbd': ['sbd'],
      'wink-pos-ner': ['sbd', 'pos', 'ner'],
    }[mode];
    if (!pipe) throw new Error('unknown mode ' + mode);
    const nlp = winkNLP(model, pipe);
    const its = nlp.its;
    run = (t) => {
      const doc = nlp.readDoc(t);
      let n = doc.tokens().length();
      if (mode === 'wink-pos-ner') {
        // Read the annotations, as a consumer would.
        n += doc.tokens().out(its.pos).length + doc.entities().out(its.detail).length;
      }
      return n;
    };
  } else if (mode.startsWith('compromise-')) {
    const nlp = require('compromise');
    if (mode === 'compromise-tokenize') {
      run = (t) => nlp.tokenize(t).terms().length;
    } else if (mode === 'compromise-tag') {
      run = (t) => nlp(t).terms().length;
    } else {
      throw new Error('unknown mode ' + mode);
    }
  } else {
    throw new Error('unknown mode ' + mode);
  }

  for (let i = 0; i < Math.min(200, texts.length); ++i) run(texts[i]);

  let passes = 0;
  let tokens = 0;
  const start = process.hrtime.bigint();
  let seconds = 0;
  do {
    let n = 0;
    for (const t of texts) n += run(t);
    tokens = n;
    ++passes;
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
  } while (seconds < minSeconds);

  process.stdout.write(JSON.stringify({
    mode,
    docs: texts.length,
    bytes,
    passes,
    seconds,
    mb_per_s: (bytes * passes) / 1e6 / seconds,
    docs_per_s: (texts.length * passes) / seconds,
    tokens,
  }) + '\n');
}

main();
