// MiniSearch over remedykb's records, as the blind comparison of issue 23 asks: BM25+, fuzzy 0.2,
// prefix, OR, title x3, codes x4, no stemming. Reads {records: {lang: [...]}, queries: [...]} as JSON
// on stdin, writes the ranked ids of each query (at most `depth`) as JSON on stdout.
// Usage: node bench/minisearch_run.mjs <path of the minisearch package> < input.json
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [packageDir] = process.argv.slice(2);
const { default: MiniSearch } = await import(pathToFileURL(`${packageDir}/dist/es/index.js`).href);
const input = JSON.parse(readFileSync(0, "utf8"));
const engines = {};
for (const [lang, records] of Object.entries(input.records)) {
  const engine = new MiniSearch({
    fields: ["title", "codes", "text"],
    searchOptions: { boost: { title: 3, codes: 4 }, fuzzy: 0.2, prefix: true, combineWith: "OR" },
  });
  engine.addAll(records);
  engines[lang] = engine;
}
const ranked = input.queries.map((q) => engines[q.lang].search(q.text).slice(0, input.depth).map((r) => r.id));
process.stdout.write(JSON.stringify(ranked));
