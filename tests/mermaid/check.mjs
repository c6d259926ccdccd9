// Parses diagrams with the real Mermaid parser and checks what a reader would see.
//
// Input on stdin: a JSON list of {name, text, nodes, groups}: the Mermaid source, and the
// labels its nodes and the titles its subgraphs must show. Each diagram must parse, must not
// change Mermaid's configuration (no `%%{init}%%` directive), must show exactly those labels
// and titles, and no subgraph may share its id with a node. Prints one line per problem and
// exits 1 if there is any.
//
// Run from the folder where package.json's packages are installed (`npm ci`).

const { JSDOM } = await import('jsdom');
// Mermaid cleans labels with DOMPurify, which needs a window.
globalThis.window = new JSDOM('').window;
const { default: mermaid } = await import('mermaid');

/** Mermaid keeps entity codes encoded until it draws; decode them as it does. */
function decode(text) {
  const named = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: '\u00a0' };
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (m, name) => named[name] ?? m);
}

function sameList(a, b) {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const diagrams = JSON.parse(input);
const problems = [];
for (const d of diagrams) {
  try {
    const parsed = await mermaid.parse(d.text);
    if (Object.keys(parsed.config ?? {}).length > 0) {
      problems.push(`${d.name}: the diagram changes the configuration: ${JSON.stringify(parsed.config)}`);
    }
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(d.text);
    const vertices = [...diagram.db.getVertices().values()];
    const groups = diagram.db.getSubGraphs();
    const labels = vertices.map((v) => decode(v.text));
    const titles = groups.map((g) => decode(g.title));
    if (!sameList(labels, d.nodes)) {
      problems.push(`${d.name}: node labels ${JSON.stringify(labels)}, expected ${JSON.stringify(d.nodes)}`);
    }
    if (!sameList(titles, d.groups)) {
      problems.push(`${d.name}: subgraph titles ${JSON.stringify(titles)}, expected ${JSON.stringify(d.groups)}`);
    }
    const ids = new Set(vertices.map((v) => v.id));
    for (const g of groups) {
      if (ids.has(g.id)) problems.push(`${d.name}: subgraph id ${g.id} is also a node's id`);
    }
  } catch (e) {
    problems.push(`${d.name}: ${String(e.message ?? e).split('\n').slice(0, 4).join(' | ')}`);
  }
}
for (const p of problems) console.log(p);
console.log(`${diagrams.length} diagram(s) parsed, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
